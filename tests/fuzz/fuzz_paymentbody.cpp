// libFuzzer target: live mode's payment-body parser (PaymentBodyReader::fromJson), the body
// of every POST /payments, on any bytes.

#include "fuzzcheck.h"
#include "protocol/paymentbody.h"

using namespace idem;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const PaymentBodyLoad load = PaymentBodyReader::fromJson(bytes);
    if (!load.body) {
        fuzz::checkOneLine(load.error);
        return 0;
    }
    const PaymentBody &b = *load.body;
    fuzz::check(load.error.isEmpty(), "an accepted body has no error", load.error);
    fuzz::check(b.amount >= 1 && b.amount <= PaymentBodyReader::maxAmount, "amount in range");
    fuzz::check(!b.from.trimmed().isEmpty() && !b.to.trimmed().isEmpty(), "accounts not blank");
    fuzz::check(b.from.size() <= PaymentBodyReader::maxAccount &&
                    b.to.size() <= PaymentBodyReader::maxAccount,
                "accounts not too long");
    return 0;
}
