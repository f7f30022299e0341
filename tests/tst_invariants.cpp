#include <QtTest>

class Tstinvariants : public QObject
{
    Q_OBJECT
};

QTEST_GUILESS_MAIN(Tstinvariants)
#include "tst_invariants.moc"
