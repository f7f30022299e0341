#pragma once

#include <QLatin1String>
#include <QVariantMap>

namespace idem {

// The app's colours, light and dark, in one table: the scene (qml/Theme.qml reads them
// through the Palettes singleton), the timeline canvas and every exported diagram.
// Okabe–Ito hues for the statuses, so colour-blind readers can tell them apart. The
// exporters draw with the light column; their files spell each colour as written here.
//
// One row per colour: X(name, light, dark). Adding a colour = one row (then use it).
#define IDEM_PALETTE_COLOURS(X)                                                                    \
    /* Surfaces */                                                                                 \
    X(background, "#eef1f5", "#16191f")   /* the window behind the panels */                       \
    X(panel, "#ffffff", "#20242c")        /* panels, node boxes, the timeline, diagrams */         \
    X(panelAlt, "#f7f9fb", "#1b1f26")     /* alternate rows, overflow slots */                     \
    X(band, "#f1f4f8", "#2a303a")         /* behind a cluster's lanes, table headers */            \
    X(clusterFill, "#f6f8fb", "#1c2027")  /* a cluster's frame */                                  \
    X(captionFill, "#e6eef8", "#1a2430")  /* the caption bar */                                    \
    X(busyFill, "#e3f0f9", "#1d3346")     /* a node working on a request */                        \
    X(cacheOffFill, "#faf6f1", "#221f1c") /* the cache when it is switched off */                  \
    X(toolbar, "#1f2a37", "#0f1216")                                                               \
    X(toolbarText, "#eef2f7", "#eef2f7")                                                           \
    X(toolbarMuted, "#a9b4c2", "#a9b4c2")                                                          \
    /* Text and lines */                                                                           \
    X(text, "#1c2430", "#e8ebf0")                                                                  \
    X(mutedText, "#5b6676", "#9aa3b2")                                                             \
    X(border, "#c5ccd6", "#3a4150") /* hairlines: borders, lanes, table rules */                   \
    X(strongBorder, "#8a96a8", "#5a6478")                                                          \
    X(link, "#b7c0cc", "#4a5263") /* the scene's edges */                                          \
    X(accent, "#0072B2", "#0072B2")                                                                \
    X(accentText, "#0072B2", "#56B4E9")                                                            \
    X(halo, "#56B4E9", "#f0e442") /* the timeline's selection (drawn translucent) */               \
    /* Node kinds */                                                                               \
    X(cacheAccent, "#c4956b", "#8a6d55")     /* the cache's frame */                               \
    X(replicationLine, "#6b7788", "#8a96a8") /* the link between the two DBs */                    \
    /* Messages: a request, and each response status */                                            \
    X(request, "#3b4656", "#c9d1dc")                                                               \
    X(requestText, "#ffffff", "#16191f") /* text on a request's token */                           \
    X(status200, "#0072B2", "#0072B2")                                                             \
    X(status201, "#009E73", "#009E73")                                                             \
    X(status400, "#D55E00", "#D55E00")                                                             \
    X(status409, "#E69F00", "#E69F00")                                                             \
    X(status422, "#CC79A7", "#CC79A7")                                                             \
    X(statusOther, "#56B4E9", "#56B4E9")                                                           \
    X(status409Text, "#9a6a00", "#f0b94d") /* 409 as text on a panel */                            \
    X(status422Text, "#a8538a", "#e3a6cb") /* 422 as text on a panel */                            \
    X(replicate, "#56B4E9", "#56B4E9")     /* a replicated row on its way */                       \
    X(conflict, "#CC79A7", "#CC79A7")      /* a replica that met a row claimed independently */    \
    /* Key rows */                                                                                 \
    X(created, "#E69F00", "#E69F00")                                                               \
    X(consumed, "#009E73", "#009E73")                                                              \
    /* The verdict */                                                                              \
    X(anomaly, "#D55E00", "#D55E00")                                                               \
    X(anomalyFill, "#fdeee4", "#3a2216")                                                           \
    X(anomalyText, "#b34700", "#ff9a5c")                                                           \
    X(okFill, "#e3f4ee", "#16302a")                                                                \
    X(okText, "#007a59", "#4cd6a8")                                                                \
    /* Live mode: the servers are real and running */                                              \
    X(live, "#D81B60", "#D81B60")                                                                  \
    X(liveFill, "#fce8f0", "#3a1826")                                                              \
    /* Controls: the toolbar's buttons, switches, sliders, tooltips */                             \
    X(onColour, "#ffffff", "#ffffff")       /* text and icons on an accent or status fill */       \
    X(createdText, "#2b1d00", "#2b1d00")    /* text on a CREATED badge (amber) */                  \
    X(toolbarControl, "#2a3644", "#2a3644") /* a button or field on the toolbar */                 \
    X(toolbarControlHover, "#33424f", "#33424f")                                                   \
    X(toolbarControlDown, "#3a4a5e", "#3a4a5e")                                                    \
    X(toolbarControlBorder, "#4b5b70", "#4b5b70")                                                  \
    X(track, "#4a5566", "#4a5566")       /* a switch when off, a slider's groove */                \
    X(knob, "#ffffff", "#ffffff")        /* a switch's or a slider's knob */                       \
    X(knobDown, "#dbe9f5", "#dbe9f5")    /* a slider's knob while dragged */                       \
    X(tooltipFill, "#1f2a37", "#2b313c") /* tooltips and the confirming toast */                   \
    X(tooltipText, "#eef2f7", "#eef2f7")

/// One theme's colours, each as "#rrggbb" text (IDEM_PALETTE_COLOURS lists them).
struct Palette
{
#define IDEM_PALETTE_FIELD(name, light, dark) QLatin1String name;
    IDEM_PALETTE_COLOURS(IDEM_PALETTE_FIELD)
#undef IDEM_PALETTE_FIELD

    /// The colour of a message with this HTTP status; 0 = a request.
    [[nodiscard]] QLatin1String statusColor(int status) const;
    /// Every colour by its name ("panel" → "#ffffff"), for QML.
    [[nodiscard]] QVariantMap toVariantMap() const;

    [[nodiscard]] static const Palette &light();
    [[nodiscard]] static const Palette &dark();
    [[nodiscard]] static const Palette &of(bool isDark)
    {
        return isDark ? dark() : light();
    }
};

} // namespace idem
