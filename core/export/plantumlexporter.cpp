#include "export/plantumlexporter.h"

#include "export/palette.h"
#include "export/sequencediagram.h"

namespace idem {

namespace {

const Palette &palette = Palette::light(); // exports are drawn on white

QString codePoint(QChar c)
{
    return QStringLiteral("<U+%1>").arg(c.unicode(), 4, 16, QLatin1Char('0')).toUpper();
}

// PlantUML reads creole markup (**bold**, //italic//, --strike--, __underline__, ~~wave~~,
// ""mono"", [[links]], <tags>), "\n" as a line break and %functions() of its preprocessor
// anywhere in a text. A character that could start one of those is written as the <U+XXXX>
// code PlantUML shows literally; a backslash is doubled.
QString escapeText(const QString &text)
{
    static const QString doubled = QStringLiteral("*/-_\"[]");
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        const bool pair = i > 0 && text[i - 1] == c && doubled.contains(c);
        if (pair || c == QLatin1Char('<') || c == QLatin1Char('~') || c == QLatin1Char('%') ||
            c == QLatin1Char('$') || (i == 0 && c == QLatin1Char('|')))
            out += codePoint(c);
        else if (c == QLatin1Char('\\'))
            out += QLatin1String("\\\\");
        else
            out += c;
    }
    return out;
}

// A name in double quotes: the quote itself is written as its code.
QString quotedName(const QString &name)
{
    return QLatin1Char('"') + escapeText(name).replace(QLatin1Char('"'), codePoint('"')) +
           QLatin1Char('"');
}

QString keyword(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Client:
        return QStringLiteral("actor");
    case NodeKind::Database:
        return QStringLiteral("database");
    case NodeKind::Cache:
        return QStringLiteral("collections");
    default:
        return QStringLiteral("participant");
    }
}

// "-[#009E73]->": the colour goes after the first dash; "->" is solid, "-->" dashed, a
// trailing "x" marks a lost message.
QString arrow(const SequenceStep &s, bool command)
{
    QLatin1String colour = palette.statusColor(s.status);
    if (command)
        colour = s.response ? palette.mutedText : palette.request;
    else if (s.response && s.status == 0)
        colour = palette.replicate;
    return QStringLiteral("-[%1]%2%3")
        .arg(colour, s.response ? QStringLiteral("->") : QStringLiteral(">"),
             s.lost ? QStringLiteral("x") : QString());
}

bool isStore(NodeKind kind)
{
    return kind == NodeKind::Database || kind == NodeKind::Cache;
}

} // namespace

QByteArray PlantUmlExporter::render(const RunResult &run, const ExportRange &range)
{
    const SequenceDiagram d = SequenceDiagram::build(run, range);
    const QVector<SequenceParticipant> &people = d.participants();
    QString out = QStringLiteral("@startuml\n");
    for (const QString &line : d.header())
        out += QLatin1String("' ") + line + QLatin1Char('\n');
    QString title = run.scenario.name;
    if (!run.scenario.title.isEmpty())
        title += QStringLiteral(" — ") + run.scenario.title;
    out += QLatin1String("title ") + escapeText(title.simplified()) + QLatin1Char('\n');
    out += QLatin1String("autonumber\nhide footbox\nskinparam sequenceMessageAlign center\n");
    for (const SequenceParticipant &p : people)
        out += QStringLiteral("%1 %2 as %3\n").arg(keyword(p.kind), quotedName(p.name), p.id);

    QString indent;
    for (const SequenceStep &s : d.steps()) {
        switch (s.kind) {
        case SequenceStep::Kind::Message: {
            // A DB or cache command and its result: thin grey, as in the app's timeline.
            const bool command = isStore(people[s.from].kind) != isStore(people[s.to].kind);
            out += indent + people[s.from].id + QLatin1Char(' ') + arrow(s, command) +
                   QLatin1Char(' ') + people[s.to].id + QLatin1String(" : ") + escapeText(s.text) +
                   QLatin1Char('\n');
            break;
        }
        case SequenceStep::Kind::Note: {
            QString over = people[s.from].id;
            if (s.to >= 0)
                over += QLatin1String(", ") + people[s.to].id;
            const QString colour =
                s.alert ? QLatin1Char(' ') + QString(palette.anomalyFill) : QString();
            out += indent + QLatin1String("note over ") + over + colour + QLatin1String(" : ") +
                   escapeText(s.text) + QLatin1Char('\n');
            break;
        }
        case SequenceStep::Kind::ParallelBegin:
            out += QLatin1String("par ") + escapeText(s.text) + QLatin1Char('\n');
            indent = QStringLiteral("    ");
            break;
        case SequenceStep::Kind::ParallelBranch:
            out += QLatin1String("else ") + escapeText(s.text) + QLatin1Char('\n');
            break;
        case SequenceStep::Kind::ParallelEnd:
            out += QLatin1String("end\n");
            indent.clear();
            break;
        }
    }
    out += QLatin1String("@enduml\n");
    return out.toUtf8();
}

} // namespace idem
