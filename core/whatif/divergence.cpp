#include "whatif/divergence.h"

#include <algorithm>

namespace idem {

namespace {

QString nodeName(const RunResult &run, int node)
{
    return node >= 0 && node < run.nodes.size() ? run.nodes[node].name : QString();
}

} // namespace

QString Divergence::nodeOf(const RunResult &run, const Event &event)
{
    const QString from = nodeName(run, event.from);
    return from.isEmpty() ? nodeName(run, event.to) : from;
}

bool Divergence::sameStep(const RunResult &leftRun, const Event &a, const RunResult &rightRun,
                          const Event &b)
{
    return a.t == b.t && a.type == b.type && a.request == b.request && a.key == b.key &&
           a.status == b.status && a.startUs == b.startUs && a.endUs == b.endUs &&
           a.lost == b.lost && a.label == b.label && a.state == b.state &&
           nodeName(leftRun, a.from) == nodeName(rightRun, b.from) &&
           nodeName(leftRun, a.to) == nodeName(rightRun, b.to);
}

std::optional<Divergence> Divergence::find(const RunResult &left, const RunResult &right)
{
    const int common = int(std::min(left.events.size(), right.events.size()));
    int i = 0;
    while (i < common && sameStep(left, left.events[i], right, right.events[i]))
        ++i;
    if (i == common && left.events.size() == right.events.size())
        return std::nullopt;
    Divergence d;
    d.index = i;
    if (i < left.events.size())
        d.left = left.events[i];
    if (i < right.events.size())
        d.right = right.events[i];
    // The earlier of the two is where the runs part: the other had not yet done anything.
    const bool leftFirst = d.left && (!d.right || d.left->t <= d.right->t);
    d.timeUs = leftFirst ? d.left->t : d.right->t;
    d.node = leftFirst ? nodeOf(left, *d.left) : nodeOf(right, *d.right);
    return d;
}

} // namespace idem
