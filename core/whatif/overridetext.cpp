#include "whatif/overridetext.h"

#include "scenario/overrideoptions.h"

#include <QCommandLineParser>
#include <QProcess>

namespace idem {

QString OverrideText::forms()
{
    QStringList parts;
    for (const SettingInfo &info : settingInfos())
        if (!info.flag.isEmpty())
            parts << QStringLiteral("--%1 %2").arg(info.flag, info.valueName);
    return parts.join(QStringLiteral(", "));
}

std::optional<QString> OverrideText::apply(const QString &text, const QString &what,
                                           Settings &settings)
{
    const QStringList words = QProcess::splitCommand(text);
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    OverrideOptions::addTo(parser);
    if (!parser.parse(QStringList{QStringLiteral("idemlab-cli")} + words)) {
        QString why = parser.errorText().simplified();
        if (why.endsWith(QLatin1Char('.')))
            why.chop(1);
        return QStringLiteral("%1 \"%2\": %3 (expected overrides as 'run' takes them: %4)")
            .arg(what, text, why, forms());
    }
    if (!parser.positionalArguments().isEmpty())
        return QStringLiteral("%1 \"%2\": \"%3\" is not an override (expected --NAME VALUE, "
                              "e.g. --mutex on; the forms: %4)")
            .arg(what, text, parser.positionalArguments().constFirst(), forms());
    if (auto error = OverrideOptions::apply(parser, settings))
        return QStringLiteral("%1 \"%2\": %3").arg(what, text, *error);
    return {};
}

} // namespace idem
