#include "whatif/hunt.h"

#include "faults/faultreader.h"
#include "scenario/scenarioloader.h"
#include "scenario/scenarioreader.h"
#include "sim/simulation.h"
#include "timeline/durationtext.h"
#include "whatif/sweep.h"

#include <QJsonDocument>

#include <algorithm>
#include <random>

namespace idem {

namespace {

constexpr int plainRounds = 4;        // seeds tried at every grid point before any mutation
constexpr int maxShrinkRuns = 20'000; // a shrink always ends; this only bounds a huge scenario
constexpr qint64 ms = 1000;

using Rng = std::mt19937_64;

qint64 pick(Rng &rng, qint64 lo, qint64 hi)
{
    return lo + qint64(rng() % quint64(hi - lo + 1));
}

// A scenario the strict reader takes back: every step's scenario is a file `run` opens.
bool readsBack(const Scenario &s)
{
    const QByteArray json = QJsonDocument(ScenarioLoader::toJson(s)).toJson();
    return ScenarioLoader::fromJson(json, QStringLiteral("hunt")).scenario.has_value();
}

qint64 lastSendUs(const Scenario &s)
{
    qint64 last = 0;
    for (const RequestSpec &r : s.requests)
        last = std::max(last, r.atUs);
    return last;
}

QString serverId(int cluster, int index)
{
    return QStringLiteral("server-%1%2").arg(QLatin1Char(cluster == 0 ? 'a' : 'b')).arg(index + 1);
}

// One small change of the scenario, drawn from `rng`: a timing shift, jitter, loss or a
// fault. Returns what it did ("R3 sent at 1.2 ms"), or nothing when the draw did not apply.
QString mutate(Scenario &s, Rng &rng)
{
    if (s.requests.isEmpty())
        return {};
    const qint64 spanUs = lastSendUs(s) + 50 * ms;
    const RequestSpec &r = s.requests[int(pick(rng, 0, s.requests.size() - 1))];
    const QString rid = r.id;
    switch (pick(rng, 0, 3)) {
    case 0: { // move one request next to another one
        RequestSpec &moved = s.requests[int(pick(rng, 0, s.requests.size() - 1))];
        const RequestSpec &onto = s.requests[int(pick(rng, 0, s.requests.size() - 1))];
        moved.atUs = std::max<qint64>(0, onto.atUs + pick(rng, -2000, 2000));
        return QStringLiteral("%1 sent at %2").arg(moved.id, durationText(moved.atUs));
    }
    case 1:
        s.settings.jitterUs = std::max(s.settings.jitterUs, pick(rng, 1, 20) * ms);
        return QStringLiteral("jitter %1").arg(durationText(s.settings.jitterUs));
    case 2:
        s.settings.loss = std::max(s.settings.loss, double(pick(rng, 1, 20)) / 100.0);
        return QStringLiteral("loss %1").arg(s.settings.loss);
    default: {
        const int servers = s.settings.serversPerCluster;
        const qint64 from = pick(rng, 0, spanUs / ms);
        const qint64 until = from + pick(rng, 1, 200);
        static const char *const steps[] = {"claim", "charge", "consume", "respond"};
        QString spec;
        switch (pick(rng, 0, 5)) {
        case 0:
            spec = QStringLiteral("crash:%1:after=%2:request=%3:down-ms=%4")
                       .arg(serverId(int(pick(rng, 0, 1)), int(pick(rng, 0, servers - 1))),
                            QLatin1String(steps[pick(rng, 0, 3)]), rid)
                       .arg(pick(rng, 1, 50) * 100);
            break;
        case 1:
            spec = QStringLiteral("cache-down:from-ms=%1:until-ms=%2").arg(from).arg(until);
            break;
        case 2:
            spec = QStringLiteral("partition:from-ms=%1:until-ms=%2").arg(from).arg(until);
            break;
        case 3:
            spec = QStringLiteral("duplicate:request=%1:message=%2")
                       .arg(rid, QLatin1String(pick(rng, 0, 1) ? "request" : "response"));
            break;
        case 4:
            spec = QStringLiteral("fail:request=%1").arg(rid);
            break;
        default:
            spec = QStringLiteral("%1:from=%2:nth=%3")
                       .arg(QLatin1String(pick(rng, 0, 1) ? "drop-replica" : "duplicate-replica"),
                            QLatin1String(pick(rng, 0, 1) ? "A" : "B"))
                       .arg(pick(rng, 1, 3));
            break;
        }
        if (FaultReader::addSpecs({spec}, s))
            return {}; // a fault this scenario cannot take (a server it does not have)
        return QStringLiteral("--fault ") + spec;
    }
    }
}

class Runner
{
public:
    std::optional<QString> open() { return m_databases.open(); }
    std::optional<RunResult> run(const Scenario &s, QString *error)
    {
        SimulationOptions options;
        options.databases = &m_databases;
        Simulation::RunOrError outcome = Simulation::run(s, options);
        if (!outcome.result)
            *error = outcome.error;
        return std::move(outcome.result);
    }

private:
    SimulationDatabases m_databases;
};

Scenario withoutRequest(Scenario s, int i)
{
    const QString id = s.requests[i].id;
    s.requests.removeAt(i);
    s.drops.erase(std::remove_if(s.drops.begin(), s.drops.end(),
                                 [&](const DropSpec &d) { return d.request == id; }),
                  s.drops.end());
    s.faults.erase(std::remove_if(s.faults.begin(), s.faults.end(),
                                  [&](const FaultSpec &f) { return f.request == id; }),
                   s.faults.end());
    return s;
}

Scenario withoutClient(Scenario s, int c)
{
    s.clients.removeAt(c);
    for (RequestSpec &r : s.requests)
        if (r.client > c)
            --r.client;
    return s;
}

qint64 roundedTo(qint64 us, qint64 unit)
{
    return (us + unit / 2) / unit * unit;
}

// The shrink: greedy passes, each trying every reduction once; a reduction is kept when the
// scenario still reads back and still fails. Ends when a whole pass keeps nothing.
class Shrinker
{
public:
    Shrinker(Runner &runner, Invariant invariant, const Hunt::Progress &progress, int budget,
             const std::atomic<bool> *cancel)
        : m_runner(runner), m_invariant(invariant), m_progress(progress), m_budget(budget),
          m_cancel(cancel)
    {}

    bool shrink(Scenario &current, QVector<HuntStep> &steps, QString *error)
    {
        m_current = &current;
        m_steps = &steps;
        m_error = error;
        bool changed = true;
        while (changed && m_runs < maxShrinkRuns) {
            changed = false;
            for (int i = int(current.requests.size()) - 1; i >= 0 && current.requests.size() > 1;
                 --i) {
                if (i >= current.requests.size())
                    continue;
                const QString id = current.requests[i].id;
                changed |= attempt(withoutRequest(current, i),
                                   QStringLiteral("dropped request %1").arg(id));
            }
            for (int i = int(current.faults.size()) - 1; i >= 0; --i) {
                Scenario s = current;
                s.faults.removeAt(i);
                changed |= attempt(s, QStringLiteral("dropped fault %1").arg(i + 1));
            }
            for (int i = int(current.drops.size()) - 1; i >= 0; --i) {
                Scenario s = current;
                const QString of = s.drops[i].request;
                s.drops.removeAt(i);
                changed |= attempt(s, QStringLiteral("dropped the scripted loss of %1").arg(of));
            }
            for (int c = int(current.clients.size()) - 1; c >= 0 && current.clients.size() > 1;
                 --c) {
                const bool used = std::any_of(current.requests.begin(), current.requests.end(),
                                              [&](const RequestSpec &r) { return r.client == c; });
                if (!used)
                    changed |= attempt(withoutClient(current, c),
                                       QStringLiteral("dropped %1, who sent nothing")
                                           .arg(current.clients[c].name));
            }
            changed |= lower(&Settings::jitterUs, QStringLiteral("jitter"));
            if (current.settings.loss > 0) {
                Scenario s = current;
                s.settings.loss = 0;
                if (attempt(s, QStringLiteral("no random loss"))) {
                    changed = true;
                } else {
                    s.settings.loss = std::floor(current.settings.loss * 50.0) / 100.0;
                    if (s.settings.loss < current.settings.loss)
                        changed |=
                            attempt(s, QStringLiteral("loss down to %1").arg(s.settings.loss));
                }
            }
            for (qint64 unit : {10 * ms, ms}) {
                Scenario s = current;
                for (RequestSpec &r : s.requests)
                    r.atUs = roundedTo(r.atUs, unit);
                bool differs = false;
                for (int i = 0; i < s.requests.size(); ++i)
                    differs |= s.requests[i].atUs != current.requests[i].atUs;
                if (differs &&
                    attempt(s,
                            QStringLiteral("send times rounded to %1").arg(durationText(unit)))) {
                    changed = true;
                    break;
                }
            }
            if (!m_error->isEmpty())
                return false;
        }
        return true;
    }

    int runs() const { return m_runs; }

private:
    bool lower(qint64 Settings::*field, const QString &what)
    {
        const qint64 now = m_current->settings.*field;
        if (now <= 0)
            return false;
        Scenario s = *m_current;
        s.settings.*field = 0;
        if (attempt(s, QStringLiteral("no %1").arg(what)))
            return true;
        s.settings.*field = now / 2 / ms * ms;
        return s.settings.*field < now &&
               attempt(s,
                       QStringLiteral("%1 down to %2").arg(what, durationText(s.settings.*field)));
    }

    bool attempt(const Scenario &candidate, const QString &what)
    {
        if (!m_error->isEmpty() || m_runs >= maxShrinkRuns || (m_cancel && m_cancel->load()) ||
            !readsBack(candidate))
            return false; // a cancelled shrink keeps the smallest failure it has so far
        ++m_runs;
        const auto result = m_runner.run(candidate, m_error);
        if (m_progress)
            m_progress(QStringLiteral("shrink"), m_runs, m_budget);
        if (!result || Hunt::breaking(*result, m_invariant).isEmpty())
            return false;
        *m_current = candidate;
        m_steps->append({what, candidate});
        return true;
    }

    Runner &m_runner;
    Invariant m_invariant;
    const Hunt::Progress &m_progress;
    int m_budget;
    const std::atomic<bool> *m_cancel;
    int m_runs = 0;
    Scenario *m_current = nullptr;
    QVector<HuntStep> *m_steps = nullptr;
    QString *m_error = nullptr;
};

QString clipped(const QString &text, int most)
{
    return text.size() <= most ? text : text.left(most - 1) + QChar(0x2026);
}

} // namespace

QVector<Anomaly> Hunt::breaking(const RunResult &run, Invariant invariant)
{
    QVector<Anomaly> out;
    for (const Anomaly &a : run.verdict.anomalies) {
        const bool counts =
            invariant == Invariant::Any ||
            (invariant == Invariant::Duplicate && a.type == QLatin1String("DUPLICATE_EFFECT")) ||
            (invariant == Invariant::Stuck && a.type == QLatin1String("STUCK_KEY")) ||
            (invariant == Invariant::Collision && a.type == QLatin1String("KEY_COLLISION"));
        if (counts)
            out.append(a);
    }
    return out;
}

std::optional<Invariant> Hunt::invariantNamed(const QString &word, QString *error)
{
    for (Invariant i :
         {Invariant::Duplicate, Invariant::Stuck, Invariant::Collision, Invariant::Any})
        if (word == invariantWord(i))
            return i;
    *error =
        QStringLiteral("the invariant is duplicate, stuck, collision or any, not \"%1\"").arg(word);
    return std::nullopt;
}

QString Hunt::invariantWord(Invariant invariant)
{
    switch (invariant) {
    case Invariant::Duplicate:
        return QStringLiteral("duplicate");
    case Invariant::Stuck:
        return QStringLiteral("stuck");
    case Invariant::Collision:
        return QStringLiteral("collision");
    case Invariant::Any:
        break;
    }
    return QStringLiteral("any");
}

QString Hunt::breakingText(Invariant invariant)
{
    switch (invariant) {
    case Invariant::Duplicate:
        return QStringLiteral("charges a key more than once");
    case Invariant::Stuck:
        return QStringLiteral("leaves a key stuck in CREATED");
    case Invariant::Collision:
        return QStringLiteral("lets two different payments share a key");
    case Invariant::Any:
        break;
    }
    return QStringLiteral("shows an anomaly");
}

QString Hunt::holdingText(Invariant invariant)
{
    switch (invariant) {
    case Invariant::Duplicate:
        return QStringLiteral("never charges a key more than once");
    case Invariant::Stuck:
        return QStringLiteral("never leaves a key stuck in CREATED");
    case Invariant::Collision:
        return QStringLiteral("never lets two different payments share a key");
    case Invariant::Any:
        break;
    }
    return QStringLiteral("shows no anomaly");
}

QString Hunt::sizeText(const Scenario &s)
{
    auto n = [](qsizetype count, const char *one, const char *many) {
        return count == 0
                   ? QStringLiteral("no %1").arg(QLatin1String(one))
                   : QStringLiteral("%1 %2").arg(count).arg(QLatin1String(count == 1 ? one : many));
    };
    QStringList parts{n(s.requests.size(), "request", "requests"),
                      n(s.clients.size(), "client", "clients"),
                      n(s.faults.size(), "fault", "faults")};
    if (!s.drops.isEmpty())
        parts << n(s.drops.size(), "scripted loss", "scripted losses");
    if (s.settings.jitterUs > 0)
        parts << QStringLiteral("jitter %1").arg(durationText(s.settings.jitterUs));
    if (s.settings.loss > 0)
        parts << QStringLiteral("loss %1").arg(s.settings.loss);
    return parts.join(QStringLiteral(", "));
}

std::optional<HuntResult> Hunt::run(const HuntSpec &spec, const Progress &progress, QString *error)
{
    Runner runner;
    if (auto openError = runner.open()) {
        *error = *openError;
        return std::nullopt;
    }
    SweepSpec grid;
    grid.scenario = spec.scenario;
    grid.axes = spec.axes;
    int points = 1;
    for (const VaryAxis &a : spec.axes)
        points *= int(a.values.size());

    HuntResult r;
    const int budget = std::max(1, spec.budget);
    const auto cancelled = [&] { return spec.cancel && spec.cancel->load(); };
    for (int k = 0; k < budget && !r.found; ++k) {
        if (cancelled()) {
            r.cancelled = true;
            break;
        }
        const int point = k % points;
        const int round = k / points;
        const quint64 seed = spec.seedFrom + quint64(round);
        Scenario s = Sweep::trialScenario(grid, point, seed);
        QStringList how{QStringLiteral("seed %1").arg(seed)};
        SweepResult shape;
        shape.axes = spec.axes;
        const QStringList values = shape.pointValues(point);
        for (int a = 0; a < spec.axes.size(); ++a)
            how << QStringLiteral("%1=%2").arg(spec.axes[a].flag, values[a]);
        if (round >= plainRounds) {
            Rng rng(spec.seedFrom * 0x9E3779B97F4A7C15ULL + quint64(k));
            const int changes = int(pick(rng, 1, 2));
            for (int c = 0; c < changes; ++c) {
                const QString what = mutate(s, rng);
                if (!what.isEmpty())
                    how << what;
            }
        }
        ++r.searchRuns;
        const auto run = runner.run(s, error);
        if (progress)
            progress(QStringLiteral("search"), r.searchRuns, budget);
        if (!run)
            return std::nullopt;
        if (!breaking(*run, spec.invariant).isEmpty()) {
            r.found = true;
            r.candidate = how.join(QStringLiteral(", "));
            r.failing = s;
        }
    }

    const int rounds = (r.searchRuns + points - 1) / points;
    r.searched << QStringLiteral("%1 run%2").arg(r.searchRuns).arg(r.searchRuns == 1 ? "" : "s");
    r.searched << QStringLiteral("seeds %1 to %2")
                      .arg(spec.seedFrom)
                      .arg(spec.seedFrom + quint64(std::max(0, rounds - 1)));
    if (points > 1)
        r.searched << QStringLiteral("every point of a %1-point grid").arg(points);
    if (rounds > plainRounds)
        r.searched << QStringLiteral("from seed %1 on, 1-2 random changes a run (a request moved "
                                     "next to another, jitter up to 20 ms, loss up to 0.2, "
                                     "a crash, a cache outage, a partition, a duplicated or lost "
                                     "message, a failed charge)")
                          .arg(spec.seedFrom + plainRounds);
    if (!r.found)
        return r;

    Scenario current = r.failing;
    current.lesson.clear(); // its steps were written for the scenario as it was
    Shrinker shrinker(runner, spec.invariant, progress, budget, spec.cancel);
    if (!shrinker.shrink(current, r.steps, error))
        return std::nullopt;
    r.shrinkRuns = shrinker.runs();

    const QString source =
        spec.scenario.name.isEmpty() ? QStringLiteral("scenario") : spec.scenario.name;
    current.name = source.left(ScenarioReader::maxLabel - 7) + QStringLiteral("-hunted");
    while (current.name.contains(QLatin1String("--")))
        current.name.replace(QLatin1String("--"), QLatin1String("-"));
    current.title = clipped(QStringLiteral("Smallest failure: ") +
                                (spec.scenario.title.isEmpty() ? source : spec.scenario.title),
                            ScenarioReader::maxTitle);
    const auto minimalRun = runner.run(current, error);
    if (!minimalRun)
        return std::nullopt;
    r.broken = breaking(*minimalRun, spec.invariant);
    current.description =
        clipped(QStringLiteral("Found by a hunt (%1) and shrunk in %2 step%3 to %4; "
                               "it still fails: %5.")
                    .arg(r.candidate)
                    .arg(r.steps.size())
                    .arg(r.steps.size() == 1 ? "" : "s")
                    .arg(sizeText(current), r.brokenText()),
                ScenarioReader::maxDescription);
    r.minimal = current;
    r.minimalRun = *minimalRun;
    r.minimalRun.scenario = current; // the run's own copy, with the title and description
    return r;
}

QString HuntResult::brokenText() const
{
    QStringList parts;
    for (const Anomaly &a : broken)
        parts << QStringLiteral("%1 on %2").arg(a.type, a.key);
    return parts.join(QStringLiteral(", "));
}

} // namespace idem
