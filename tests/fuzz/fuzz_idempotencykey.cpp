// libFuzzer target: live mode's Idempotency-Key validation on any header value: the header
// parsing (ClusterApi::headerKey, quoted strings included) and the handler's check
// (ClaimHandler::keyProblem). A key that passes must be 1 to 255 printable ASCII characters.

#include "fuzzcheck.h"
#include "live/clusterapi.h"
#include "protocol/claimhandler.h"

using namespace idem;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray value(reinterpret_cast<const char *>(data), qsizetype(size));
    QString problem;
    const std::optional<QString> key = ClusterApi::headerKey(value, &problem);
    if (!key) {
        fuzz::checkOneLine(problem);
        return 0;
    }
    PaymentRequest request;
    request.hasKey = true;
    request.key = *key;
    const QString refused = ClaimHandler::keyProblem(request);
    if (!refused.isEmpty()) {
        fuzz::checkOneLine(refused);
        return 0;
    }
    fuzz::check(!key->isEmpty() && key->size() <= 255, "an accepted key is 1 to 255 long", *key);
    for (const QChar c : *key)
        fuzz::check(c.unicode() >= 0x20 && c.unicode() <= 0x7e, "printable ASCII only", *key);
    return 0;
}
