#pragma once

#include "playback.h"
#include "playback/keylife.h"
#include "timeline/timelineaxis.h"

#include <QPointer>
#include <QQuickPaintedItem>
#include <QtQml/qqmlregistration.h>

#include <optional>

namespace idem {

/// A key's life at a glance: one lane per place the key lives in (DB A, DB B, the shared
/// cache) with its state over the run as bars, a lane of the requests that carried it and
/// one of the ledger rows it caused, on the lane timeline's compressed time axis, with the
/// playhead. Click to seek.
class KeyLifeCanvas : public QQuickPaintedItem
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(idem::Playback *playback READ playback WRITE setPlayback NOTIFY playbackChanged)
    Q_PROPERTY(QString key READ key WRITE setKey NOTIFY keyChanged)
    /// Under keyScope client: the client the key belongs to, else empty.
    Q_PROPERTY(QString scope READ scope WRITE setScope NOTIFY keyChanged)
    Q_PROPERTY(bool dark READ dark WRITE setDark NOTIFY darkChanged)
    Q_PROPERTY(qreal textScale READ textScale WRITE setTextScale NOTIFY textScaleChanged)
    /// How many requests carried the key and how many ledger rows it caused (both DBs).
    Q_PROPERTY(int requestCount READ requestCount NOTIFY lifeChanged)
    Q_PROPERTY(int chargeCount READ chargeCount NOTIFY lifeChanged)
    /// The height at which every lane shows at the text size.
    Q_PROPERTY(qreal neededHeight READ neededHeight NOTIFY neededHeightChanged)

public:
    explicit KeyLifeCanvas(QQuickItem *parent = nullptr);

    void paint(QPainter *painter) override;

    Playback *playback() const { return m_playback; }
    void setPlayback(Playback *playback);
    QString key() const { return m_key; }
    void setKey(const QString &key);
    QString scope() const { return m_scope; }
    void setScope(const QString &scope);
    bool dark() const { return m_dark; }
    void setDark(bool dark);
    qreal textScale() const { return m_textScale; }
    void setTextScale(qreal scale);
    int requestCount() const { return int(m_life.requests.size()); }
    int chargeCount() const { return int(m_life.charges.size()); }
    qreal neededHeight() const;

    /// The life drawn (for tests).
    [[nodiscard]] const KeyLife &life() const { return m_life; }
    /// The lane rows: 0–2 the places, 3 the requests, 4 the ledger rows.
    [[nodiscard]] QRectF laneRect(int lane) const;
    /// The x of virtual time `timeUs`.
    [[nodiscard]] Q_INVOKABLE double xForTime(double timeUs) const;

signals:
    void playbackChanged();
    void keyChanged();
    void darkChanged();
    void textScaleChanged();
    void lifeChanged();
    void neededHeightChanged();

protected:
    void geometryChange(const QRectF &newGeometry, const QRectF &oldGeometry) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    void recompute();
    /// Places the lanes, the axis and the rows of overlapping requests and ledger rows for
    /// the current size, text and life.
    void layout();
    /// layout() at the current fit.
    void arrange();
    [[nodiscard]] QFont font(bool bold = false) const;
    [[nodiscard]] QString requestText(const KeyRequest &request) const;
    [[nodiscard]] QString chargeText(const KeyCharge &charge) const;
    void paintSpans(QPainter &p, int lane) const;
    void paintRequests(QPainter &p) const;
    void paintCharges(QPainter &p) const;
    void paintAxis(QPainter &p) const;

    QPointer<Playback> m_playback;
    QString m_key;
    QString m_scope;
    bool m_dark = false;
    qreal m_textScale = 1;
    double m_fit = 1; ///< the text's share of its size asked for, where the lanes need it
    KeyLife m_life;

    // Laid out for the current size, text and life (layout()).
    double m_labelWidth = 0;
    QRectF m_plot;
    QVector<double> m_laneTops; ///< each lane's top, and the bottom of the last
    std::optional<TimelineAxis> m_axis;
    QVector<int> m_requestRows; ///< the row of each request in its lane
    QVector<int> m_chargeRows;  ///< the row of each ledger row in its lane
    int m_requestRowCount = 1;
    int m_chargeRowCount = 1;
    /// Labels that had no row of their own (drawn without their text).
    QVector<bool> m_requestCrowded;
    QVector<bool> m_chargeCrowded;
};

} // namespace idem
