// Predict questions read the flows table: the rows that may come next are the answer key.
#include "core/lessons/predict.hpp"

#include <algorithm>

#include "core/engine/names.hpp"
#include "core/lessons/anchors.hpp"
#include "core/model/record_layer.hpp"

namespace hl {
namespace {

// The first message the run carries at step index or later, if that step carries one.
std::optional<std::size_t> first_message_at(const std::vector<flows::Message>& messages, std::size_t index) {
  auto it = std::find_if(messages.begin(), messages.end(), [&](const flows::Message& m) { return m.step >= index; });
  if (it == messages.end() || it->step != index) return std::nullopt;
  return static_cast<std::size_t>(it - messages.begin());
}

}  // namespace

std::string describe_row(const flows::Row& row) {
  std::string what = row.type           ? names::handshake_type(static_cast<std::uint8_t>(*row.type))
                     : row.close_notify ? std::string("close_notify alert")
                                        : names::record_type(row.content_type);
  std::string text = std::string(flows::sender_name(row.from)) + ": " + what;
  if (row.need == flows::Need::optional) text += " (optional)";
  if (row.need == flows::Need::repeated) text += " (any number)";
  return text;
}

std::string flow_expectation(const Transcript& transcript, std::size_t index) {
  if (index >= transcript.steps.size()) return "";
  const int connection = transcript.steps[index].connection;
  std::vector<flows::Message> messages = flows::messages_of(transcript, connection);
  std::optional<std::size_t> at = first_message_at(messages, index);
  if (!at) return "";
  flows::Match match = flows::pick(transcript, connection);
  std::vector<flows::Row> next = flows::next_rows(match, *at);
  if (next.empty()) return "";
  std::string text = std::string("Next in the ") + match.flow->name + ": ";
  for (std::size_t i = 0; i < next.size(); ++i) text += (i ? ", then " : "") + describe_row(next[i]);
  return text + ".";
}

std::vector<LessonError> validate_predictions(const Lesson& lesson, const Transcript& transcript) {
  std::vector<LessonError> errors;
  std::vector<std::vector<flows::Message>> messages;  // per connection, as connections_of() lists them
  std::vector<flows::Match> matches;
  const std::vector<int> connections = flows::connections_of(transcript);
  for (int connection : connections) {
    messages.push_back(flows::messages_of(transcript, connection));
    matches.push_back(flows::pick(transcript, connection));
  }
  for (std::size_t index = 0; index < transcript.steps.size(); ++index) {
    const auto c = static_cast<std::size_t>(
        std::find(connections.begin(), connections.end(), transcript.steps[index].connection) - connections.begin());
    const flows::Match& match = matches[c];
    std::optional<std::size_t> at = first_message_at(messages[c], index);
    if (!at || *at > match.positions.size()) continue;  // no TLS message, or past where the match stopped
    std::vector<flows::Row> next = flows::next_rows(match, *at);
    bool expected = std::any_of(next.begin(), next.end(), [&](const flows::Row& r) { return flows::row_matches(r, messages[c][*at]); });
    if (expected) continue;
    for (std::size_t q : questions_before_step(lesson, transcript, index)) {
      const Question& question = lesson.questions[q];
      errors.push_back({lesson.path, question.line,
                        "question '" + question.id + "' predicts step " + std::to_string(index + 1) +
                            ", which the run's flow does not expect there"});
    }
  }
  return errors;
}

}  // namespace hl
