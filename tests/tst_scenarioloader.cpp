#include <QtTest>

class Tstscenarioloader : public QObject
{
    Q_OBJECT
};

QTEST_GUILESS_MAIN(Tstscenarioloader)
#include "tst_scenarioloader.moc"
