#pragma once

#include <QString>

namespace idem {

/// How the scene names the accounts a payment moves money between. The presets call them
/// "A" and "B", the letters of the clusters too, so "10 A→B" reads as money moving between
/// the clusters; on screen a one-letter account gets a person's name (A → alice, B → bob).
/// The engine's data, captions and exports keep the stored names.
namespace AccountNames {

/// "alice" for "A", "bob" for "B", …; any other name as it is.
[[nodiscard]] QString display(const QString &account);
/// `text` with every "<amount> <from>→<to>" written with display names.
[[nodiscard]] QString inText(const QString &text);

} // namespace AccountNames

} // namespace idem
