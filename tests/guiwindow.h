#pragma once

// Shared by the GUI tests that drive the real window: loading it with a look, and letting
// layouts and animations settle.

class QQmlApplicationEngine;
class QQuickWindow;

/// The app's window (Main.qml) as idemlab loads it, dark or light, at a text scale, with
/// nothing remembered; null if it did not load.
QQuickWindow *loadAppWindow(QQmlApplicationEngine &engine, bool dark, double textScale);
/// Runs the event loop for `ms` milliseconds.
void settle(int ms);
