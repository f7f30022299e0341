#pragma once

#include "model/scenario.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

namespace idem {

class JsonFields;

/// Reads a scenario's `faults` array (docs/scenario-format.md) into Scenario::faults, strictly:
/// every field checked, every request and server resolved against the scenario read so far.
class FaultReader
{
public:
    static constexpr int maxFaults = 1000;
    static constexpr qint64 maxDownMs = 3'600'000; ///< an hour

    /// Reads `v` found at `path`; problems go to `fields` as one line.
    static bool read(const QJsonValue &v, const QString &path, Scenario &scenario,
                     JsonFields &fields);
    /// The fault of one `--fault` spec ("crash:server-a1:after=claim:request=1"), as the JSON
    /// object a scenario file would hold; an error line on bad grammar.
    struct SpecLoad
    {
        QJsonObject object;
        QString error;
    };
    [[nodiscard]] static SpecLoad parseSpec(const QString &spec);
    /// Adds the faults of `--fault` specs to `scenario`; an error line naming the spec and
    /// the field on the first bad one.
    [[nodiscard]] static std::optional<QString> addSpecs(const QStringList &specs,
                                                         Scenario &scenario);
    /// The steps a crash may follow as specs spell them ("claim", "charge", "consume",
    /// "respond"), in FaultStep order (also `serve --crash-after`'s).
    [[nodiscard]] static const QStringList &crashSteps();
    /// The grammar of a fault spec, for --help.
    [[nodiscard]] static QString specHelp();
};

} // namespace idem
