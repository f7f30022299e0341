#pragma once

#include <QString>
#include <QtGlobal>

namespace idem {

/// How a duration is written. Every surface of the app (CLI report, exporters, scene, lane
/// timeline, scrub bar) writes durations through durationText(), so one moment reads the
/// same everywhere.
enum class DurationUnit
{
    Auto,         ///< "60 s", "1.235 s", "2.5 ms": seconds from one second up
    Milliseconds, ///< "0 ms", "20 ms", "1020.5 ms": always milliseconds (event tables, axes)
    Gap,          ///< "+59.7 s", "+650 ms": a skipped stretch, three figures at most
    Brief,        ///< "20 ms", "5.03 s", "10 min", "24 h": labels, three figures at most
};

/// `us` microseconds as text, three decimals at most and no trailing zeros.
[[nodiscard]] QString durationText(qint64 us, DurationUnit unit = DurationUnit::Auto);

} // namespace idem
