#include <QtTest>

class Tstsettings : public QObject
{
    Q_OBJECT
};

QTEST_GUILESS_MAIN(Tstsettings)
#include "tst_settings.moc"
