// libFuzzer target: the timeline reader (TimelineReader::fromJson) on any bytes. What it
// accepts must render (TimelineExporter) and read again to the same bytes.

#include "export/timelineexporter.h"
#include "fuzzcheck.h"
#include "timeline/timelinereader.h"

using namespace idem;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const TimelineLoad load = TimelineReader::fromJson(bytes, QStringLiteral("fuzz.json"));
    if (!load.run) {
        fuzz::checkOneLine(load.error);
        return 0;
    }
    fuzz::check(load.error.isEmpty(), "an accepted timeline has no error", load.error);
    const QByteArray rendered = TimelineExporter::render(*load.run, load.range);
    const TimelineLoad again = TimelineReader::fromJson(rendered, QStringLiteral("again.json"));
    fuzz::check(bool(again.run), "an accepted timeline reads back", again.error);
    fuzz::check(TimelineExporter::render(*again.run, again.range) == rendered,
                "the read-back renders the same bytes");
    return 0;
}
