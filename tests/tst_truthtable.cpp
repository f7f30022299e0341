#include <QtTest>

class Tsttruthtable : public QObject
{
    Q_OBJECT
};

QTEST_GUILESS_MAIN(Tsttruthtable)
#include "tst_truthtable.moc"
