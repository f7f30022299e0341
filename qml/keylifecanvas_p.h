#pragma once

// Shared by the key's life canvas's layout (keylifecanvas.cpp) and painting
// (keylifecanvaspainter.cpp).

#include "playback/keylife.h"

#include <QCoreApplication>
#include <QString>

#include <algorithm>

namespace idem::keylifecanvas {

inline constexpr int laneCount = 5; // DB A, DB B, the cache, the requests, the ledger rows

/// The lane's name, at its left.
inline QString laneName(int lane)
{
    switch (lane) {
    case 0:
        return QCoreApplication::translate("KeyLifeCanvas", "DB A");
    case 1:
        return QCoreApplication::translate("KeyLifeCanvas", "DB B");
    case 2:
        return QCoreApplication::translate("KeyLifeCanvas", "Shared cache");
    case 3:
        return QCoreApplication::translate("KeyLifeCanvas", "Requests");
    default:
        return QCoreApplication::translate("KeyLifeCanvas", "Ledger rows");
    }
}

/// Where a request's line ends: its answer, the moment its client gave up, or the run's end.
inline qint64 requestEndUs(const KeyRequest &q, qint64 runEndUs)
{
    return q.receivedUs >= 0 ? q.receivedUs : q.gaveUpUs >= 0 ? q.gaveUpUs : runEndUs;
}

/// Where a label of width `w` goes beside the span [x0, x1] inside [left, right]: after it,
/// else before it, else on the span just after its start.
inline double labelLeft(double x0, double x1, double w, double left, double right)
{
    if (x1 + 4 + w <= right)
        return x1 + 4;
    if (x0 - 4 - w >= left)
        return x0 - 4 - w;
    return std::min(x0 + 8, right - w);
}

} // namespace idem::keylifecanvas
