#pragma once

#include <QRectF>
#include <QString>
#include <QStringList>

class QQuickItem;
class QQuickWindow;

namespace idem {

/// Walks a window's item tree and lists every piece of text a viewer could not read whole:
/// two visible texts that overlap, a text that runs past the window's edge, past the panel
/// it is drawn on (the nearest filled or framed rectangle around it), or past an item that
/// clips it. Popups (tooltips, menus, dialogs) float above on purpose and are left out of
/// `problems`; `popupProblems` checks the open ones the same way, among themselves.
class TextLayoutCheck
{
public:
    /// One line per problem ("\"POST K1\" overlaps \"Client 1\" at 40,120"); empty: all good.
    [[nodiscard]] static QStringList problems(QQuickWindow &window);
    /// The same for what the open popups show (a menu, a dialog), apart from the window.
    [[nodiscard]] static QStringList popupProblems(QQuickWindow &window);

    /// A text as the check sees it: its words and where its glyphs are, in scene coordinates.
    struct Placed
    {
        QString text;
        QRectF rect;
        const QQuickItem *item = nullptr;
    };
    /// The visible texts under `root`: popups' contents left out, or only those.
    [[nodiscard]] static QList<Placed> visibleTexts(QQuickItem *root, bool popups = false);

private:
    [[nodiscard]] static QStringList check(QQuickWindow &window, bool popups);
};

} // namespace idem
