#include "tst_screenshots_textlayout.h"

#include <QColor>
#include <QQuickItem>
#include <QQuickWindow>

namespace idem {

namespace {

// Glyph boxes include the line's leading: texts that merely touch are not a problem.
constexpr qreal tolerance = 1.5;

QRectF sceneRect(const QQuickItem *item)
{
    return item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
}

bool inPopup(const QQuickItem *item)
{
    for (const QQuickItem *p = item; p; p = p->parentItem())
        if (p->inherits("QQuickOverlay") || p->inherits("QQuickPopupItem"))
            return true;
    return false;
}

qreal effectiveOpacity(const QQuickItem *item)
{
    qreal o = 1;
    for (const QQuickItem *p = item; p; p = p->parentItem())
        o *= p->opacity();
    return o;
}

// A rectangle a viewer sees as a panel: it has a fill or a frame.
bool isPanel(const QQuickItem *item)
{
    if (!item->inherits("QQuickRectangle"))
        return false;
    const QColor fill = item->property("color").value<QColor>();
    const auto *border = item->property("border").value<QObject *>();
    const qreal frame = border ? border->property("width").toReal() : 0;
    return fill.alpha() > 0 || frame > 0;
}

bool within(const QRectF &inner, const QRectF &outer)
{
    return inner.left() >= outer.left() - tolerance && inner.top() >= outer.top() - tolerance &&
           inner.right() <= outer.right() + tolerance &&
           inner.bottom() <= outer.bottom() + tolerance;
}

QString quoted(const QString &text)
{
    QString t = text.simplified();
    if (t.size() > 40)
        t = t.left(39) + QChar(0x2026);
    return QLatin1Char('"') + t + QLatin1Char('"');
}

QString where(const QRectF &r)
{
    return QStringLiteral("%1,%2 %3x%4")
        .arg(qRound(r.x()))
        .arg(qRound(r.y()))
        .arg(qRound(r.width()))
        .arg(qRound(r.height()));
}

void collect(QQuickItem *item, bool popups, QList<QQuickItem *> &out)
{
    if (!item->isVisible() || (!popups && inPopup(item)))
        return;
    if (item->inherits("QQuickText") && (!popups || inPopup(item)))
        out.append(item);
    for (QQuickItem *child : item->childItems())
        collect(child, popups, out);
}

} // namespace

QList<TextLayoutCheck::Placed> TextLayoutCheck::visibleTexts(QQuickItem *root, bool popups)
{
    QList<QQuickItem *> items;
    collect(root, popups, items);
    QList<Placed> placed;
    for (QQuickItem *item : items) {
        const QString text = item->property("text").toString();
        if (text.trimmed().isEmpty() || effectiveOpacity(item) < 0.05)
            continue;
        // QQuickText's bounding rect is where its laid-out glyphs are (alignment included).
        const QRectF rect = item->mapRectToScene(item->boundingRect());
        if (rect.width() < 1 || rect.height() < 1)
            continue;
        placed.append({text, rect, item});
    }
    return placed;
}

QStringList TextLayoutCheck::problems(QQuickWindow &window)
{
    return check(window, false);
}

QStringList TextLayoutCheck::popupProblems(QQuickWindow &window)
{
    return check(window, true);
}

QStringList TextLayoutCheck::check(QQuickWindow &window, bool popups)
{
    QStringList out;
    const QRectF windowRect(0, 0, window.width(), window.height());
    QList<Placed> shown;
    // The popups' overlay is a child of the content item: start one level up for them.
    QQuickItem *root = popups ? window.contentItem()->parentItem() : window.contentItem();
    if (!root)
        root = window.contentItem();
    for (Placed p : visibleTexts(root, popups)) {
        bool hidden = false;
        for (const QQuickItem *a = p.item->parentItem(); a && !hidden; a = a->parentItem()) {
            const QRectF r = sceneRect(a);
            if (a->clip()) {
                // Wholly scrolled out of a clipping view: not drawn, not a problem.
                if (!r.intersects(p.rect)) {
                    hidden = true;
                    break;
                }
                // A list the user scrolls (it says so: `partialRows`, and holds more than it
                // shows) may show a row partly at its edge, as any scrolled list does.
                const bool scrolled = a->property("partialRows").toBool() &&
                                      a->property("contentHeight").toReal() > r.height();
                if (!within(p.rect, r) && !scrolled)
                    out << QStringLiteral("%1 at %2 is cut off by the item that clips it (%3)")
                               .arg(quoted(p.text), where(p.rect), where(r));
                p.rect = p.rect.intersected(r);
            }
            if (a != window.contentItem() && a != root && isPanel(a)) {
                if (!within(p.rect, r))
                    out << QStringLiteral("%1 at %2 runs past its panel (%3)")
                               .arg(quoted(p.text), where(p.rect), where(r));
            }
        }
        if (hidden)
            continue;
        if (!within(p.rect, windowRect))
            out << QStringLiteral("%1 at %2 runs past the window's edge (%3)")
                       .arg(quoted(p.text), where(p.rect), where(windowRect));
        shown.append(p);
    }
    for (int i = 0; i < shown.size(); ++i) {
        for (int j = i + 1; j < shown.size(); ++j) {
            const QRectF both = shown[i].rect.intersected(shown[j].rect);
            if (both.width() > tolerance && both.height() > tolerance)
                out << QStringLiteral("%1 at %2 overlaps %3 at %4")
                           .arg(quoted(shown[i].text), where(shown[i].rect), quoted(shown[j].text),
                                where(shown[j].rect));
        }
    }
    return out;
}

} // namespace idem
