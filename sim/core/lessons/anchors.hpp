// Tying a lesson's body and questions to the steps of its run. Lessons write readable
// references ({step=ClientHello}, {step=client: Finished}, {step=STARTTLS}); they resolve
// to typed keys that are compared with a step's typed identity, never with its title.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/lessons/loader.hpp"
#include "core/model/transcript.hpp"

namespace hl {

/// What a step reference names, as types.
struct StepKey {
  enum class What : std::uint8_t { handshake, record_type, app_unit };
  What what = What::app_unit;
  std::optional<int> connection;                         // "connection 2: " prefix (a resumed run's second connection)
  std::optional<Side> side;                              // "client: " / "server: " prefix
  HandshakeType message = HandshakeType::hello_request;  // handshake: a record carrying this message
  std::uint8_t content_type = 0;                         // record_type: a record of this outer type
  std::string app_unit;  // app_unit: an app line with this unit; with content_type 23, one inside TLS
  bool operator==(const StepKey&) const = default;
};

/// Resolves a reference: an optional connection prefix ("connection 2: "), an optional side prefix ("server: "), then a handshake message
/// ("ServerHello" or "server_hello"), a record type ("ChangeCipherSpec", "Alert",
/// "Application Data"), application data in TLS ("Application Data (GET /)") or an
/// application-protocol unit ("STARTTLS", "220 (greeting)").
StepKey resolve_step_ref(std::string_view ref);

/// Whether a step has the identity a key names.
bool step_matches(const Step& step, const StepKey& key);

/// Whether a step matches a reference (resolved, then compared by type).
bool step_matches(const Step& step, std::string_view ref);

/// Checks that every step anchor and every predict question names a step that occurs in
/// transcript (the lesson's own run). Returns one file:line error per reference that never occurs.
std::vector<LessonError> validate_anchors(const Lesson& lesson, const Transcript& transcript);

/// The anchor (index into lesson.body.anchors) to show at step `current`: the first anchor
/// matching the latest step at or before `current` that any anchor matches; -1 when none does.
int anchor_at_step(const Lesson& lesson, const Transcript& transcript, std::size_t current);

/// The section shown at a step: an anchor of the lesson itself, or of the fallback lesson.
struct StepSection {
  const Lesson* lesson = nullptr;  // whose body holds the section; nullptr when no section applies
  int anchor = -1;                 // index into lesson->body.anchors
  bool from_fallback = false;      // true when the lesson had no section for this step
};

/// The section to show at step `current`: walking back from it, the first step that an anchor
/// of `lesson` matches or, failing that, an anchor of `fallback` (may be nullptr; the handshake
/// lesson for port lessons). At the same step the lesson's own anchor wins, so a port lesson's
/// text is kept and every later step type it does not cover still gets a section about it.
StepSection section_at_step(const Lesson& lesson, const Lesson* fallback, const Transcript& transcript,
                            std::size_t current);

/// The predict questions to ask before step `index` is shown: those whose step reference it
/// matches, asked at the first matching step only. Indices into lesson.questions.
std::vector<std::size_t> questions_before_step(const Lesson& lesson, const Transcript& transcript, std::size_t index);

}  // namespace hl
