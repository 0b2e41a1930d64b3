// A lesson: its front matter (port, mode, scenario, questions) and its Markdown body.
// Loaded from lessons/*.md by load_lesson_library(); the app and the CLI read it.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/engine/scenario.hpp"
#include "core/lessons/markdown.hpp"

namespace hl {

/// One answer a learner can pick, with what to tell them when they pick it.
struct Choice {
  std::string text;
  std::string feedback;
  bool correct = false;
};

/// Multiple choice, or "predict the next message": asked just before `step` is shown.
enum class QuestionKind { choice, predict };

/// One question of a lesson. Exactly one choice is correct.
struct Question {
  std::string id;              // unique in its lesson: the front matter's id, else "q1", "q2", ...
  QuestionKind kind = QuestionKind::choice;
  std::string prompt;
  std::string step;            // predict: the step reference asked about ("ServerHello"; anchors.hpp resolves it)
  std::vector<Choice> choices;
  std::size_t answer = 0;      // index of the correct choice
  int line = 0;                // line of its [[questions]] table in the file
};

/// A loaded lesson.
struct Lesson {
  std::string id;
  std::string title;
  std::string summary;                 // one sentence for the lesson browser (may be empty)
  std::string view;                    // the pane the window brings to the front when the lesson opens ("Key schedule"); may be empty
  std::optional<int> port;             // set for port lessons; topic lessons have none
  std::optional<int> twin_port;        // the same service's other port (plaintext <-> secure)
  std::string protocol;                // http, smtp, imap, pop3, ftp, ldap
  PortMode mode = PortMode::implicit_tls;
  std::vector<std::pair<std::string, std::string>> overrides;  // [scenario] keys as written, in order
  Scenario scenario;                   // defaults + protocol/port/mode + overrides, ready to run
  std::vector<std::pair<std::string, std::string>> compare;  // [compare] keys and values, by key: the lesson opens in
                                                             // the compare view, its run beside one with these changed;
                                                             // empty: one run
  std::vector<Question> questions;
  Document body;
  std::string markdown;                // the body as written (for renderers of their own: the HTML handout)
  std::string path;                    // the file it came from
  int id_line = 1;                     // file line of its id
  int body_line = 0;                   // file line of the body's first line (body line 1)
};

/// Maps a line of the lesson body (as in Block::line, StepAnchor::line) to its file line.
inline int file_line(const Lesson& lesson, int body_line) { return lesson.body_line + body_line - 1; }

}  // namespace hl
