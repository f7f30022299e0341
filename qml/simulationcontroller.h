#pragma once

#include "comparecontroller.h"
#include "huntrunner.h"
#include "lesson.h"
#include "playback.h"
#include "scenecaptions.h"
#include "scenemodels.h"
#include "session.h"
#include "sweeprunner.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace idem {

/// The window's one object to make: it wires the pieces, and each QML item is given only
/// the pieces it reads. Session says which scenario and settings run; Playback holds the
/// run on screen and moves the playhead through it; SceneModels and SceneCaptions show
/// the playhead's moment as lists and as sentences.
class SimulationController : public QObject
{
    Q_OBJECT
    QML_ELEMENT

    Q_PROPERTY(idem::Session *session READ session CONSTANT FINAL)
    Q_PROPERTY(idem::Playback *playback READ playback CONSTANT FINAL)
    Q_PROPERTY(idem::SceneModels *models READ models CONSTANT FINAL)
    Q_PROPERTY(idem::SceneCaptions *text READ text CONSTANT FINAL)
    Q_PROPERTY(idem::Lesson *lesson READ lesson CONSTANT FINAL)
    Q_PROPERTY(idem::HuntRunner *hunt READ hunt CONSTANT FINAL)
    Q_PROPERTY(idem::SweepRunner *sweep READ sweep CONSTANT FINAL)
    Q_PROPERTY(idem::CompareController *compare READ compare CONSTANT FINAL)

public:
    explicit SimulationController(QObject *parent = nullptr) : QObject(parent) {}

    [[nodiscard]] Session *session() { return &m_session; }
    [[nodiscard]] const Session *session() const { return &m_session; }
    [[nodiscard]] Playback *playback() { return &m_playback; }
    [[nodiscard]] const Playback *playback() const { return &m_playback; }
    [[nodiscard]] SceneModels *models() { return &m_models; }
    [[nodiscard]] SceneCaptions *text() { return &m_text; }
    [[nodiscard]] Lesson *lesson() { return &m_lesson; }
    [[nodiscard]] HuntRunner *hunt() { return &m_hunt; }
    [[nodiscard]] SweepRunner *sweep() { return &m_sweep; }
    [[nodiscard]] CompareController *compare() { return &m_compare; }

private:
    // In this order: the models hear of a new moment before anything else does, and the
    // session shows its first run once they listen.
    Playback m_playback;
    SceneModels m_models{m_playback};
    Session m_session{m_playback};
    SceneCaptions m_text{m_playback, m_session};
    Lesson m_lesson{m_playback};
    HuntRunner m_hunt{m_session};
    SweepRunner m_sweep{m_session};
    CompareController m_compare{m_session, m_playback};
};

} // namespace idem
