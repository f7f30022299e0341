#include "scenario/lessonreader.h"

#include "scenario/scenarioreader.h"
#include "json/jsonfields.h"
#include "json/jsonwording.h"

#include <QJsonObject>

namespace idem {

namespace {

using W = JsonWording;

/// An optional text field: absent is empty, present must be a one-line string.
bool optionalText(JsonFields &f, const QJsonObject &o, const QString &path, const QString &field,
                  qsizetype max, const QString &what, QString *out)
{
    if (!o.contains(field))
        return true;
    const auto text = f.label(o.value(field), W::at(path, field), max, what);
    if (!text)
        return false;
    *out = *text;
    return true;
}

std::optional<LessonStep> readStep(JsonFields &f, const QJsonValue &v, const QString &path)
{
    const auto o = f.objectLike(v, path,
                                QStringLiteral(R"({"atMs": 0, "title": "The claim", )"
                                               R"("text": "Server A1 writes K1 as CREATED."})"));
    if (!o || !f.onlyFields(*o, path, {"atMs", "title", "text", "question", "answer"}))
        return std::nullopt;
    LessonStep step;
    const auto atMs = f.required(*o, path, QStringLiteral("atMs"), QStringLiteral("a time in ms"));
    const auto at =
        atMs ? f.wholeNumber(*atMs, W::at(path, QStringLiteral("atMs")), 0, ScenarioReader::maxAtMs,
                             QStringLiteral("ms, at most a day"))
             : std::nullopt;
    if (!at)
        return std::nullopt;
    step.atUs = *at * 1000;
    const QString titleWhat = QStringLiteral("a one-line step title");
    const auto titleValue = f.required(*o, path, QStringLiteral("title"), titleWhat);
    const auto title = titleValue ? f.label(*titleValue, W::at(path, QStringLiteral("title")),
                                            LessonReader::maxStepTitle, titleWhat)
                                  : std::nullopt;
    if (!title)
        return std::nullopt;
    step.title = *title;
    const QString textWhat = QStringLiteral("the step's text, a few sentences on one line");
    const auto textValue = f.required(*o, path, QStringLiteral("text"), textWhat);
    const auto text = textValue ? f.label(*textValue, W::at(path, QStringLiteral("text")),
                                          LessonReader::maxStepText, textWhat)
                                : std::nullopt;
    if (!text)
        return std::nullopt;
    step.text = *text;
    if (!optionalText(f, *o, path, QStringLiteral("question"), LessonReader::maxQuestion,
                      QStringLiteral("a question for the class, on one line"), &step.question) ||
        !optionalText(f, *o, path, QStringLiteral("answer"), LessonReader::maxAnswer,
                      QStringLiteral("the question's answer, on one line"), &step.answer))
        return std::nullopt;
    if (!step.answer.isEmpty() && step.question.isEmpty()) {
        f.fail(W::at(path, QStringLiteral("answer")),
               QStringLiteral("an answer needs a question: add \"question\" to this step"));
        return std::nullopt;
    }
    return step;
}

} // namespace

bool LessonReader::read(const QJsonValue &v, const QString &path, Scenario &s, JsonFields &f)
{
    const auto list = f.nonEmptyArray(v, path, maxSteps, QStringLiteral("lesson steps"));
    if (!list)
        return false;
    for (qsizetype i = 0; i < list->size(); ++i) {
        const QString stepPath = W::at(path, int(i));
        const auto step = readStep(f, list->at(i), stepPath);
        if (!step)
            return false;
        if (!s.lesson.isEmpty() && step->atUs <= s.lesson.last().atUs)
            return f.fail(W::at(stepPath, QStringLiteral("atMs")),
                          QStringLiteral("%1 is not after the step before (%2 ms): steps are in "
                                         "time order, one per moment")
                              .arg(step->atUs / 1000)
                              .arg(s.lesson.last().atUs / 1000));
        s.lesson.append(*step);
    }
    return true;
}

QJsonArray LessonReader::toJson(const QVector<LessonStep> &lesson)
{
    QJsonArray list;
    for (const LessonStep &step : lesson) {
        QJsonObject o{
            {"atMs", double(step.atUs / 1000)}, {"title", step.title}, {"text", step.text}};
        if (!step.question.isEmpty())
            o.insert("question", step.question);
        if (!step.answer.isEmpty())
            o.insert("answer", step.answer);
        list.append(o);
    }
    return list;
}

} // namespace idem
