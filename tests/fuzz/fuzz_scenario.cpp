// libFuzzer target: the scenario reader (ScenarioLoader::fromJson) on any bytes. What it
// accepts must write back (ScenarioWriter) and read again to the same JSON.

#include "fuzzcheck.h"
#include "scenario/scenarioloader.h"

#include <QJsonDocument>

using namespace idem;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const ScenarioLoad load = ScenarioLoader::fromJson(bytes, QStringLiteral("fuzz.json"));
    if (!load.scenario) {
        fuzz::checkOneLine(load.error);
        return 0;
    }
    fuzz::check(load.error.isEmpty(), "an accepted scenario has no error", load.error);
    const QJsonObject json = ScenarioLoader::toJson(*load.scenario);
    const ScenarioLoad again =
        ScenarioLoader::fromJson(QJsonDocument(json).toJson(), QStringLiteral("again.json"));
    fuzz::check(bool(again.scenario), "an accepted scenario reads back", again.error);
    fuzz::check(ScenarioLoader::toJson(*again.scenario) == json, "the read-back is the same");
    return 0;
}
