// The handout: one lesson and one run of it as a single HTML page a teacher can print or post.
// Self-contained: inline CSS, no script, nothing loaded or linked outside the page.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/lessons/lesson.hpp"
#include "core/model/transcript.hpp"

namespace hl {

/// How the run was made (shown at the top) and whether the answers go in.
struct HandoutOptions {
  std::optional<std::uint64_t> seed;  // none: an unseeded run
  std::vector<std::string> settings;  // the --set KEY=VALUE overrides, as given
  bool answers = false;               // mark each question's correct choice, with every choice's feedback
};

/// The whole page: the lesson text (md4c-rendered, step anchors linking to the steps), every step
/// of transcript with its decoded field tree, the result, then the questions (answers only if asked).
std::string handout_html(const Lesson& lesson, const Transcript& transcript, const HandoutOptions& options);

}  // namespace hl
