#pragma once

#include <QString>
#include <QtGlobal>

namespace idem {

/// One step of a preset's guided tour: in Lesson mode the player runs to `atUs` and stops
/// there, showing the title and the text; a question for the class is revealed on demand,
/// its answer after it.
struct LessonStep
{
    qint64 atUs = 0;  ///< the moment the player stops at
    QString title;    ///< a few words: "Two servers, one key"
    QString text;     ///< a few sentences, in the words of someone explaining to a class
    QString question; ///< optional: asked of the class ("What will Server A2 find in DB A?")
    QString answer;   ///< optional, only with a question: revealed after it
};

} // namespace idem
