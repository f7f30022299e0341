// libFuzzer target: the --vary grammar of `idemlab-cli sweep` (VaryAxis::parseAll), one
// --vary per line of the input. Refused: one line. Accepted: one or two axes, different
// settings, each with 1..maxValues distinct values that the setting itself accepts, and at
// most maxValues grid points; each axis, typed back as NAME=V1,V2,…, reads back the same.

#include "fuzzcheck.h"
#include "model/settings.h"
#include "whatif/varyaxis.h"

using namespace idem;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString input = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const QStringList texts = input.split(QLatin1Char('\n'));
    QString error;
    const auto axes = VaryAxis::parseAll(texts, &error);
    if (!axes) {
        fuzz::checkOneLine(error);
        return 0;
    }
    fuzz::check(!axes->isEmpty() && axes->size() <= VaryAxis::maxAxes, "one or two axes", input);
    qsizetype points = 1;
    for (const VaryAxis &axis : *axes) {
        fuzz::check(!axis.values.isEmpty() && axis.values.size() <= VaryAxis::maxValues,
                    "1..maxValues values", input);
        points *= axis.values.size();
        for (int i = 0; i < axis.values.size(); ++i) {
            fuzz::check(axis.values.indexOf(axis.values[i]) == i, "values are distinct",
                        axis.values[i]);
            Settings probe;
            fuzz::check(!probe.setFromText(axis.json, axis.values[i], axis.flag),
                        "the setting accepts every value", axis.values[i]);
        }
        QString again;
        const auto back = VaryAxis::parse(
            axis.flag + QLatin1Char('=') + axis.values.join(QLatin1Char(',')), &again);
        fuzz::check(back && back->json == axis.json && back->values == axis.values,
                    "the axis typed as a list reads back the same", again);
    }
    if (axes->size() == 2)
        fuzz::check(axes->at(0).json != axes->at(1).json, "two different settings", input);
    fuzz::check(points <= VaryAxis::maxValues, "at most maxValues grid points", input);
    return 0;
}
