#include "whatif/comparisonreport.h"

#include "model/event.h"
#include "protocol/claimhandler.h"
#include "report/textreport.h"
#include "timeline/durationtext.h"

#include <QJsonArray>

#include <algorithm>

namespace idem {

namespace {

const Attempt *findAttempt(const RunResult &run, const QString &request, int attempt)
{
    for (const Attempt &a : run.attempts)
        if (a.request == request && a.attempt == attempt)
            return &a;
    return nullptr;
}

int attemptsOf(const RunResult &run, const QString &request)
{
    int most = 0;
    for (const Attempt &a : run.attempts)
        if (a.request == request)
            most = std::max(most, a.attempt);
    return most;
}

QJsonValue eventJson(const RunResult &run, const std::optional<Event> &e)
{
    if (!e)
        return QJsonValue::Null;
    return QJsonObject{
        {QStringLiteral("t"), double(e->t)},
        {QStringLiteral("type"), eventTypeName(e->type)},
        {QStringLiteral("node"), Divergence::nodeOf(run, *e)},
        {QStringLiteral("label"), e->label},
        {QStringLiteral("status"), e->status},
        {QStringLiteral("caption"), e->caption},
    };
}

QJsonValue attemptJson(const RunResult &run, const Attempt *a)
{
    if (!a)
        return QJsonValue::Null;
    return QJsonObject{
        {QStringLiteral("status"), a->status},
        {QStringLiteral("outcome"), attemptOutcomeName(a->outcome)},
        {QStringLiteral("cluster"),
         a->cluster >= 0 ? QJsonValue(clusterName(a->cluster)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("server"), a->serverNode >= 0 ? QJsonValue(run.nodes[a->serverNode].name)
                                                      : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("sentUs"), double(a->sentUs)},
        {QStringLiteral("receivedUs"), double(a->receivedUs)},
    };
}

QJsonObject sideJson(const RunResult &run, const QString &overrides)
{
    QJsonObject summary = run.summaryJson();
    return QJsonObject{
        {QStringLiteral("overrides"), overrides},
        {QStringLiteral("settings"), run.scenario.settings.toJson()},
        {QStringLiteral("verdict"), run.verdict.summary()},
        {QStringLiteral("ok"), run.verdict.ok()},
        {QStringLiteral("statusCounts"), summary.value(QStringLiteral("statusCounts"))},
        {QStringLiteral("sideEffects"), summary.value(QStringLiteral("sideEffects"))},
        {QStringLiteral("anomalies"), summary.value(QStringLiteral("anomalies"))},
        {QStringLiteral("stuckKeys"), summary.value(QStringLiteral("stuckKeys"))},
        {QStringLiteral("events"), int(run.events.size())},
    };
}

QString sideName(const QString &overrides)
{
    return overrides.trimmed().isEmpty() ? QStringLiteral("(no overrides)") : overrides.trimmed();
}

} // namespace

QString ComparisonReport::sideStep(const std::optional<Event> &event)
{
    if (!event)
        return QStringLiteral("nothing: its log had ended");
    return QStringLiteral("%1 (%2)").arg(event->caption, eventTypeName(event->type));
}

QString ComparisonReport::divergenceLine(const Comparison &c)
{
    if (!c.divergence)
        return QStringLiteral("no difference: both runs log the same %1 events")
            .arg(c.left.events.size());
    const Divergence &d = *c.divergence;
    QString line = QStringLiteral("first difference: event #%1 at %2")
                       .arg(d.index + 1)
                       .arg(durationText(d.timeUs, DurationUnit::Milliseconds));
    // The place, when both runs are there; else each side's caption names its own.
    const bool onePlace =
        !d.left || !d.right ||
        Divergence::nodeOf(c.left, *d.left) == Divergence::nodeOf(c.right, *d.right);
    if (!d.node.isEmpty() && onePlace)
        line += QStringLiteral(", at ") + d.node;
    return line;
}

QString ComparisonReport::answerText(const RunResult &run, const Attempt &a)
{
    if (a.outcome == AttemptOutcome::TimedOut)
        return QStringLiteral("timed out");
    if (a.outcome != AttemptOutcome::Answered)
        return QStringLiteral("no answer");
    QString text = QStringLiteral("%1 %2 at %3")
                       .arg(a.status)
                       .arg(ClaimHandler::reason(a.status),
                            durationText(a.receivedUs, DurationUnit::Milliseconds));
    if (a.serverNode >= 0)
        text += QStringLiteral(" (%1)").arg(run.nodes[a.serverNode].name);
    return text;
}

QVector<ComparisonReport::ResponseRow> ComparisonReport::responseRows(const Comparison &c)
{
    QVector<ResponseRow> rows;
    for (const RequestSpec &r : c.left.scenario.requests) {
        const int attempts = std::max(attemptsOf(c.left, r.id), attemptsOf(c.right, r.id));
        for (int n = 1; n <= attempts; ++n)
            rows.append({r.id, n, findAttempt(c.left, r.id, n), findAttempt(c.right, r.id, n)});
    }
    return rows;
}

ComparisonPage ComparisonReport::page(const Comparison &c)
{
    ComparisonPage page{c.left,
                        c.right,
                        QStringLiteral("left: ") + sideName(c.leftText),
                        QStringLiteral("right: ") + sideName(c.rightText),
                        std::nullopt,
                        divergenceLine(c),
                        {},
                        {},
                        {}};
    page.divergenceLine[0] = page.divergenceLine[0].toUpper();
    if (c.divergence) {
        page.divergenceUs = c.divergence->timeUs;
        page.leftStep = sideStep(c.divergence->left);
        page.rightStep = sideStep(c.divergence->right);
    }
    for (const ResponseRow &row : responseRows(c)) {
        const QString id = row.attempt == 1
                               ? row.request
                               : QStringLiteral("%1#%2").arg(row.request).arg(row.attempt);
        page.responses.append(
            {id, row.left ? answerText(c.left, *row.left) : QStringLiteral("(not sent)"),
             row.right ? answerText(c.right, *row.right) : QStringLiteral("(not sent)")});
    }
    return page;
}

QString ComparisonReport::render(const Comparison &c)
{
    const Scenario &s = c.left.scenario;
    const QString leftName = sideName(c.leftText);
    const QString rightName = sideName(c.rightText);
    QString out;
    out +=
        QStringLiteral("%1 — %2, compared on seed %3\n").arg(s.name, s.title).arg(s.settings.seed);
    out += QStringLiteral("  left:  %1\n         %2\n")
               .arg(leftName, TextReport::settingsLine(c.left.scenario.settings));
    out += QStringLiteral("  right: %1\n         %2\n\n")
               .arg(rightName, TextReport::settingsLine(c.right.scenario.settings));

    QString line = divergenceLine(c);
    line[0] = line[0].toUpper();
    out += line + QLatin1Char('\n');
    if (c.divergence) {
        out += QStringLiteral("  left:  %1\n").arg(sideStep(c.divergence->left));
        out += QStringLiteral("  right: %1\n").arg(sideStep(c.divergence->right));
    }
    out += QStringLiteral("\nVerdicts\n  left:  %1\n  right: %2\n")
               .arg(c.left.verdict.summary(), c.right.verdict.summary());

    out += QStringLiteral("\nResponses (left | right)\n");
    for (const ResponseRow &row : responseRows(c)) {
        const QString id = row.attempt == 1
                               ? row.request
                               : QStringLiteral("%1#%2").arg(row.request).arg(row.attempt);
        const QString l = row.left ? answerText(c.left, *row.left) : QStringLiteral("(not sent)");
        const QString r =
            row.right ? answerText(c.right, *row.right) : QStringLiteral("(not sent)");
        const bool same = row.left && row.right && row.left->status == row.right->status &&
                          row.left->outcome == row.right->outcome;
        out += QStringLiteral("  %1 %2 | %3%4\n")
                   .arg(id, -6)
                   .arg(l, -38)
                   .arg(r, same ? QString() : QStringLiteral("   ← differs"));
    }
    return out;
}

QJsonObject ComparisonReport::toJson(const Comparison &c)
{
    QJsonValue divergence = QJsonValue::Null;
    if (c.divergence) {
        const Divergence &d = *c.divergence;
        divergence = QJsonObject{
            {QStringLiteral("event"), d.index + 1},
            {QStringLiteral("timeUs"), double(d.timeUs)},
            {QStringLiteral("node"), d.node},
            {QStringLiteral("left"), eventJson(c.left, d.left)},
            {QStringLiteral("right"), eventJson(c.right, d.right)},
        };
    }
    QJsonArray responses;
    for (const ResponseRow &row : responseRows(c))
        responses.append(QJsonObject{
            {QStringLiteral("request"), row.request},
            {QStringLiteral("attempt"), row.attempt},
            {QStringLiteral("left"), attemptJson(c.left, row.left)},
            {QStringLiteral("right"), attemptJson(c.right, row.right)},
        });
    return QJsonObject{
        {QStringLiteral("scenario"), c.left.scenario.name},
        {QStringLiteral("seed"), double(c.left.scenario.settings.seed)},
        {QStringLiteral("left"), sideJson(c.left, c.leftText)},
        {QStringLiteral("right"), sideJson(c.right, c.rightText)},
        {QStringLiteral("divergence"), divergence},
        {QStringLiteral("responses"), responses},
    };
}

} // namespace idem
