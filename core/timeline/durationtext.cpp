#include "timeline/durationtext.h"

namespace idem {

namespace {

QString trimmed(double value, int decimals = 3)
{
    QString text = QString::number(value, 'f', decimals);
    if (!text.contains(QLatin1Char('.')))
        return text;
    while (text.endsWith(QLatin1Char('0')))
        text.chop(1);
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return text;
}

} // namespace

QString durationText(qint64 us, DurationUnit unit)
{
    switch (unit) {
    case DurationUnit::Milliseconds:
        return trimmed(double(us) / 1e3) + QStringLiteral(" ms");
    case DurationUnit::Gap:
        if (us >= 100'000'000)
            return QStringLiteral("+%1 s").arg(double(us) / 1e6, 0, 'f', 0);
        if (us >= 1'000'000)
            return QStringLiteral("+%1 s").arg(double(us) / 1e6, 0, 'f', 1);
        return QStringLiteral("+%1 ms").arg(double(us) / 1e3, 0, 'f', 0);
    case DurationUnit::Brief: {
        const double ms = double(us) / 1e3;
        auto decimals = [](double v, int under10, int under100) {
            return v < 10 ? under10 : v < 100 ? under100 : 0;
        };
        if (ms < 1000)
            return trimmed(ms, decimals(ms, 2, 1)) + QStringLiteral(" ms");
        if (ms < 120'000)
            return trimmed(ms / 1e3, decimals(ms / 1e3, 3, 1)) + QStringLiteral(" s");
        if (ms < 7'200'000)
            return trimmed(ms / 6e4, decimals(ms / 6e4, 1, 0)) + QStringLiteral(" min");
        return trimmed(ms / 3.6e6, 1) + QStringLiteral(" h");
    }
    case DurationUnit::Auto:
        break;
    }
    if (us >= 1'000'000)
        return trimmed(double(us) / 1e6) + QStringLiteral(" s");
    return trimmed(double(us) / 1e3) + QStringLiteral(" ms");
}

} // namespace idem
