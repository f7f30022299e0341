#include "export/mermaidexporter.h"

#include "export/sequencediagram.h"

#include <QRegularExpression>

namespace idem {

namespace {

// Mermaid ends a statement at ';' and reads '#' as the start of an entity code, so both are
// written as entity codes; '<' and '>' too, or the renderer may take them for HTML. The
// sequence diagram model has already made the text one line.
QString escapeText(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '#':
            out += QLatin1String("#35;");
            break;
        case ';':
            out += QLatin1String("#59;");
            break;
        case '<':
            out += QLatin1String("#60;");
            break;
        case '>':
            out += QLatin1String("#62;");
            break;
        default:
            out += c;
        }
    }
    // Text starting "wrap:" or "nowrap:" (any case) would be read as a wrapping directive.
    static const QRegularExpression directive(QStringLiteral("^(no)?wrap:"),
                                              QRegularExpression::CaseInsensitiveOption);
    if (directive.match(out).hasMatch())
        out.replace(out.indexOf(QLatin1Char(':')), 1, QLatin1String("#58;"));
    return out;
}

QString arrow(const SequenceStep &s)
{
    if (s.lost)
        return s.response ? QStringLiteral("--x") : QStringLiteral("-x");
    return s.response ? QStringLiteral("-->>") : QStringLiteral("->>");
}

} // namespace

QByteArray MermaidExporter::render(const RunResult &run, const ExportRange &range)
{
    const SequenceDiagram d = SequenceDiagram::build(run, range);
    const QVector<SequenceParticipant> &people = d.participants();
    QString out = QStringLiteral("sequenceDiagram\n    autonumber\n");
    for (const QString &line : d.header())
        out += QLatin1String("    %% ") + line + QLatin1Char('\n');
    for (const SequenceParticipant &p : people) {
        const QString keyword =
            p.kind == NodeKind::Client ? QStringLiteral("actor") : QStringLiteral("participant");
        out += QStringLiteral("    %1 %2 as %3\n").arg(keyword, p.id, escapeText(p.name));
    }

    QString indent = QStringLiteral("    ");
    for (const SequenceStep &s : d.steps()) {
        switch (s.kind) {
        case SequenceStep::Kind::Message:
            out += indent + people[s.from].id + arrow(s) + people[s.to].id + QLatin1String(": ") +
                   escapeText(s.text) + QLatin1Char('\n');
            break;
        case SequenceStep::Kind::Note: {
            QString over = people[s.from].id;
            if (s.to >= 0)
                over += QLatin1Char(',') + people[s.to].id;
            out += indent + QLatin1String("Note over ") + over + QLatin1String(": ") +
                   escapeText(s.text) + QLatin1Char('\n');
            break;
        }
        case SequenceStep::Kind::ParallelBegin:
            out += QLatin1String("    par ") + escapeText(s.text) + QLatin1Char('\n');
            indent = QStringLiteral("        ");
            break;
        case SequenceStep::Kind::ParallelBranch:
            out += QLatin1String("    and ") + escapeText(s.text) + QLatin1Char('\n');
            break;
        case SequenceStep::Kind::ParallelEnd:
            out += QLatin1String("    end\n");
            indent = QStringLiteral("    ");
            break;
        }
    }
    return out.toUtf8();
}

} // namespace idem
