#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace idem {

/// A field that appears twice in one JSON object, and where its second copy starts.
struct DuplicateField
{
    qsizetype offset = 0;
    QString name;
};

/// QJsonDocument keeps the last of two equal fields without a word; a file that says "mutex"
/// twice is a mistake worth reporting. Scans text that already parsed, in time linear in
/// its size (each object's keys go into a hash set).
[[nodiscard]] std::optional<DuplicateField> firstDuplicateField(const QByteArray &json);

} // namespace idem
