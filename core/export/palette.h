#pragma once

#include <QLatin1String>

namespace idem::palette {

// The Okabe–Ito colours of qml/Theme.qml (light theme), so exported diagrams look like the
// app's timeline view and stay readable for colour-blind readers.

inline constexpr QLatin1String background("#ffffff");
inline constexpr QLatin1String text("#1c2430");
inline constexpr QLatin1String muted("#5b6676");
inline constexpr QLatin1String lane("#c5ccd6");
inline constexpr QLatin1String band("#f1f4f8"); ///< behind the lanes of a cluster
inline constexpr QLatin1String request("#3b4656");
inline constexpr QLatin1String status200("#0072B2");
inline constexpr QLatin1String status201("#009E73");
inline constexpr QLatin1String status400("#D55E00");
inline constexpr QLatin1String status409("#E69F00");
inline constexpr QLatin1String status422("#CC79A7");
inline constexpr QLatin1String statusOther("#56B4E9");
inline constexpr QLatin1String replicate("#56B4E9");
inline constexpr QLatin1String conflict("#CC79A7");
inline constexpr QLatin1String anomaly("#D55E00");
inline constexpr QLatin1String anomalyFill("#fdeee4");
inline constexpr QLatin1String anomalyText("#b34700");
inline constexpr QLatin1String okText("#007a59");

/// The colour of a message with this HTTP status; 0 = a request.
[[nodiscard]] inline QLatin1String statusColor(int status)
{
    switch (status) {
    case 0:
        return request;
    case 200:
        return status200;
    case 201:
        return status201;
    case 400:
        return status400;
    case 409:
        return status409;
    case 422:
        return status422;
    default:
        return statusOther;
    }
}

} // namespace idem::palette
