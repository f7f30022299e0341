#include <QtTest>

class Tstexporters : public QObject
{
    Q_OBJECT
};

QTEST_GUILESS_MAIN(Tstexporters)
#include "tst_exporters.moc"
