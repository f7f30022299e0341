#pragma once

#include <QJsonObject>
#include <QString>

namespace idem {

/// One field of a drop or a fault changed from the text the editor panel holds, on the entry
/// as a scenario file writes it: the strict reader then judges the value in its own words,
/// exactly as it would in a file.
class EntryFields
{
public:
    /// `entry` (a `drops[]` or `faults[]` object) with `field` set from `text`. A number stays
    /// a number (except where a name is expected: `request`, `server`, `from`, `after`,
    /// `message`, `kind`), anything else is a string, "" removes the field (it takes its
    /// default). The two ways of naming a fault's moment replace each other: a crash's `atMs`
    /// its `after`, `request` and `attempt`, and back (then `request` is `firstRequest` when
    /// it had none); a replication fault's `atMs` its `nth`, and back.
    [[nodiscard]] static QJsonObject withField(QJsonObject entry, const QString &field,
                                               const QString &text, const QString &firstRequest);
};

} // namespace idem
