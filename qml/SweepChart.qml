import QtQuick
import QtQuick.Controls.Basic
import QtCharts
import IdemLab

// The sweep's chart (Qt Charts): the share of trials with an anomaly at each value of the
// first setting, one line per value of the second, each with its 95 % Wilson interval as a
// band. Pointing at a dot shows its numbers; clicking it asks for one of its failing trials.
ChartView {
    id: view

    required property SweepRunner sweep
    required property var lineColours
    signal pointClicked(int point)

    /// The chart's text follows the panels' scale (up to 1.75): at the largest text size the
    /// plot keeps room to draw.
    readonly property int chartFont: Math.max(12, Math.round(12 * Theme.panelScale))

    /// The grid point under the pointer (-1: none), and where its dot is.
    property int hoveredPoint: -1
    property point hoveredAt: Qt.point(0, 0)

    antialiasing: true
    theme: Theme.dark ? ChartView.ChartThemeDark : ChartView.ChartThemeLight
    backgroundColor: Theme.panel
    backgroundRoundness: Theme.radius
    margins { left: 0; right: Theme.gap; top: 0; bottom: 0 }
    // The chart's own legend would name the bands and dots too: SweepDialog draws one that
    // names only the lines.
    legend.visible: false

    ValueAxis {
        id: yAxis
        min: 0
        max: 100
        tickCount: 6
        labelFormat: "%.0f"
        titleText: qsTr("Runs with an anomaly (%)")
        titleFont.pixelSize: view.chartFont
        labelsFont.pixelSize: view.chartFont
        labelsColor: Theme.text
        titleBrush: Theme.text
        gridLineColor: Theme.border
        color: Theme.strongBorder
    }
    ValueAxis {
        id: xValues
        titleText: view.sweep.xTitle
        titleFont.pixelSize: view.chartFont
        labelsFont.pixelSize: view.chartFont
        labelsColor: Theme.text
        titleBrush: Theme.text
        gridLineColor: Theme.border
        color: Theme.strongBorder
        labelFormat: "%g"
    }
    CategoryAxis {
        id: xWords
        titleText: view.sweep.xTitle
        titleFont.pixelSize: view.chartFont
        labelsFont.pixelSize: view.chartFont
        labelsColor: Theme.text
        titleBrush: Theme.text
        gridLineColor: Theme.border
        color: Theme.strongBorder
        labelsPosition: CategoryAxis.AxisLabelsPositionOnValue
    }

    function pointAt(line, x) {
        const points = sweep.points
        for (let i = 0; i < points.length; ++i)
            if (points[i].line === line && Math.abs(points[i].x - x) < 1e-9)
                return i
        return -1
    }

    function rebuild() {
        hoveredPoint = -1
        removeAllSeries()
        const points = sweep.points
        if (points.length === 0)
            return
        const numeric = sweep.xNumeric
        const x = numeric ? xValues : xWords
        const values = sweep.xValues
        if (numeric) {
            const lo = Number(values[0]), hi = Number(values[values.length - 1])
            xValues.min = lo === hi ? lo - 1 : lo
            xValues.max = lo === hi ? hi + 1 : hi
            xValues.applyNiceNumbers()
        } else {
            for (const label of xWords.categoriesLabels)
                xWords.remove(label)
            for (let i = 0; i < values.length; ++i)
                xWords.append(values[i], i)
            xWords.min = -0.5
            xWords.max = values.length - 0.5
        }
        const lineNames = sweep.lines.length > 0 ? sweep.lines : [""]
        for (let l = 0; l < lineNames.length; ++l) {
            const colour = lineColours[l % lineColours.length]
            const name = lineNames[l]
            const band = createSeries(ChartView.SeriesTypeArea, "", x, yAxis)
            band.lowerSeries = lowerLine.createObject(band)
            band.color = Qt.rgba(colour.r, colour.g, colour.b, 0.18)
            band.borderColor = "transparent"
            const line = createSeries(ChartView.SeriesTypeLine, name, x, yAxis)
            line.color = colour
            line.width = Math.max(2, Math.round(2 * Theme.panelScale))
            const dots = createSeries(ChartView.SeriesTypeScatter, "", x, yAxis)
            dots.color = colour
            dots.borderColor = Theme.panel
            dots.markerSize = Math.round(10 * Theme.panelScale)
            for (const p of points) {
                if (p.line !== l)
                    continue
                band.upperSeries.append(p.x, p.high * 100)
                band.lowerSeries.append(p.x, p.low * 100)
                line.append(p.x, p.rate * 100)
                dots.append(p.x, p.rate * 100)
            }
            const lineIndex = l
            dots.hovered.connect((at, state) => {
                view.hoveredPoint = state ? view.pointAt(lineIndex, at.x) : -1
                if (state)
                    view.hoveredAt = view.mapToPosition(at, dots)
            })
            dots.clicked.connect(at => {
                const index = view.pointAt(lineIndex, at.x)
                if (index >= 0)
                    view.pointClicked(view.sweep.points[index].point)
            })
        }
    }

    Component {
        id: lowerLine
        LineSeries {}
    }
    Connections {
        target: view.sweep
        function onResultChanged() { view.rebuild() }
    }
    Component.onCompleted: rebuild()

    Rectangle {
        // The numbers of the point under the pointer.
        id: tip
        visible: view.hoveredPoint >= 0
        readonly property var point: visible ? view.sweep.points[view.hoveredPoint] : null
        x: Math.min(view.width - width - 4, Math.max(4, view.hoveredAt.x + 12))
        y: Math.max(4, Math.min(view.height - height - 4, view.hoveredAt.y - height - 12))
        width: tipText.implicitWidth + 2 * Theme.gap
        height: tipText.implicitHeight + 2 * Theme.gap
        radius: Theme.radius
        color: Theme.tooltipFill
        Text {
            id: tipText
            anchors.centerIn: parent
            text: tip.point ? tip.point.text + "\n" + qsTr("Click: open a failing trial") : ""
            color: Theme.tooltipText
            font.pixelSize: view.chartFont
        }
    }
}
