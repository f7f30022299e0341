#include <QtTest>

class Tstdeterminism : public QObject
{
    Q_OBJECT
};

QTEST_GUILESS_MAIN(Tstdeterminism)
#include "tst_determinism.moc"
