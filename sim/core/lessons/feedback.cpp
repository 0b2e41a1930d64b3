#include "core/lessons/feedback.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <string_view>

namespace hl {
namespace {

constexpr std::string_view kVerdictWords[] = {"Right", "Yes", "No", "Correct", "Exactly", "Close", "Not quite", "Wrong"};

// Whether text opens with a verdict word followed by punctuation or a parenthesis.
bool opens_with_verdict(std::string_view text) {
  return std::any_of(std::begin(kVerdictWords), std::end(kVerdictWords), [&](std::string_view word) {
    if (!text.starts_with(word) || text.size() == word.size()) return false;
    const char next = text[word.size()];
    return next == '.' || next == ',' || next == ':' || next == ';' || next == '!' ||
           (next == ' ' && text.size() > word.size() + 1 && text[word.size() + 1] == '(');
  });
}

}  // namespace

std::string feedback_text(const Question& question, std::size_t picked) {
  if (picked >= question.choices.size()) return {};
  const Choice& choice = question.choices[picked];
  const bool right = choice.correct;
  std::string text = right ? "\u2713 " : "\u2717 ";
  if (!opens_with_verdict(choice.feedback)) text += right ? "Right. " : "Not quite. ";
  text += choice.feedback;
  if (!right && question.kind == QuestionKind::predict && question.answer < question.choices.size())
    text += " The answer: " + question.choices[question.answer].text + ".";
  return text;
}

}  // namespace hl
