#pragma once

#include <QLatin1String>

namespace idem {

/// The schema a timeline file names (docs/timeline-format.md): written by TimelineExporter,
/// the one version TimelineReader reads.
inline constexpr char timelineSchema[] = "idemlab.timeline/1";
/// What every version's schema starts with.
inline constexpr QLatin1String timelineSchemaPrefix("idemlab.timeline/");

} // namespace idem
