#pragma once

#include "model/runresult.h"
#include "playback/scenestate.h"

namespace idem {

/// Adds to `s` every message in flight at `t`: requests and answers on their way, DB and
/// cache commands and their results, replicated rows before they land (lost ones fall).
void addMessagesInFlight(const RunResult &run, qint64 t, SceneState &s);

} // namespace idem
