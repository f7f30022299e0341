#include <QtTest>

class TstGuiModels : public QObject
{
    Q_OBJECT
};

QTEST_MAIN(TstGuiModels)
#include "tst_guimodels.moc"
