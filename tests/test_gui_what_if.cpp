// "What if?" in the real window (hidden, under xvfb-run; label "gui"; issue 14 §1 and §3): an edited
// ServerHello sent through the App puts the original beside the edited run in the compare
// view, the fork on the edited step and the cursor on it; the What if? pane marks the edited
// bytes; a refused edit changes nothing; Undo (and Ctrl+Z) brings back the original run alone.
// The editor itself, clicked as a person clicks it: by the client on the ClientHello, and on the
// wire on the ServerHello (where "by the client" is disabled).
#include <catch2/catch.hpp>

#include <GLFW/glfw3.h>

#include <algorithm>
#include <string>

#include "app/key_map.hpp"
#include "app/views/what_if_view.hpp"
#include "core/edit/field_edit.hpp"
#include "gui_window.hpp"

using namespace hl::app;

namespace {

struct Window : hl::test::GuiWindow {
  Window() : GuiWindow(options(), 1600, 1000) {}
  static ui::AppOptions options() {
    ui::AppOptions options;
    options.persist_progress = false;
    options.lesson_id = "no-lesson";
    return options;
  }
  void key(int key, int action, int mods) {
    platform->queue_key({key, 0, action, mods});
    while (platform->queued_keys() > 0) frame();
  }
};

// The ServerHello's step (transcript index) in the run on screen, and its cipher_suite field.
struct Target {
  std::size_t index = 0;
  hl::edit::EditableField field;
};

Target server_hello(const RunData& run) {
  Target target;
  const auto& steps = run.transcript.steps;
  auto found = std::find_if(steps.begin(), steps.end(),
                            [](const hl::Step& step) { return hl::carries(step, hl::HandshakeType::server_hello); });
  REQUIRE(found != steps.end());
  target.index = static_cast<std::size_t>(found - steps.begin());
  for (const auto& field : hl::edit::editable_fields(run.decoded[target.index].fields))
    if (field.path == "cipher_suite") target.field = field;
  REQUIRE(target.field.length == 2);
  return target;
}

}  // namespace

TEST_CASE("what if: an edited cipher suite opens the compare view at the fork, bytes marked, undo restores") {
  Window window;
  const auto original = window.app->session().grouped_run();
  REQUIRE(original != nullptr);
  const Target target = server_hello(*original);
  // Another suite than the one the server chose.
  const bool chose_128 = target.field.value.find("TLS_AES_128_GCM_SHA256") != std::string::npos;
  hl::edit::EditSpec spec;
  spec.step = target.index + 1;
  spec.path = "cipher_suite";
  spec.value = chose_128 ? "TLS_AES_256_GCM_SHA384" : "TLS_AES_128_GCM_SHA256";

  SECTION("a refused edit changes nothing and says why") {
    hl::edit::EditSpec bad = spec;
    bad.value = "TLS_NOT_A_SUITE";
    std::string error;
    CHECK_FALSE(window.app->send_edit(bad, error));
    CHECK_FALSE(error.empty());
    bad.value = spec.value;
    bad.step = 1000;
    CHECK_FALSE(window.app->send_edit(bad, error));
    CHECK_FALSE(error.empty());
    window.frames(2);
    CHECK_FALSE(window.app->comparison().active());
    CHECK(window.app->what_if() == nullptr);
  }

  SECTION("sent: original left, edited right, the fork on the edited step, its bytes marked") {
    std::string error;
    REQUIRE(window.app->send_edit(spec, error));
    INFO(error);
    window.frames(3);
    const Comparison& compare = window.app->comparison();
    REQUIRE(compare.active());
    CHECK(compare.side(Half::left).run == original);
    CHECK(compare.side(Half::left).label == "original");
    CHECK(compare.side(Half::right).label.rfind("edited: cipher_suite -> " + spec.value, 0) == 0);
    REQUIRE(compare.fork_row());
    CHECK(compare.rows()[*compare.fork_row()].left->step == target.index);
    CHECK(compare.cursor().index() == *compare.fork_row());
    // The client notices: a TLS 1.3 ServerHello's suite feeds the key schedule, so the records after it fail.
    const WhatIfEdit* edit = window.app->what_if();
    REQUIRE(edit != nullptr);
    CHECK(edit->first_difference == target.index + 1);
    CHECK_FALSE(edit->edited->transcript.failure.empty());
    REQUIRE(edit->replacements.size() == 1);
    CHECK(edit->replacements[0].step == target.index + 1);
    CHECK(edit->replacements[0].bytes != edit->replacements[0].expected);
    // The What if? pane marks what changed: the second byte of the suite (0x1301 <-> 0x1302), nothing else.
    auto* view = dynamic_cast<WhatIfView*>(window.app->find_view("What if?"));
    REQUIRE(view != nullptr);
    REQUIRE(view->marked().size() == 1);
    REQUIRE(view->marked()[0].size() == 1);
    CHECK(view->marked()[0][0].offset == target.field.offset + 1);
    CHECK(view->marked()[0][0].length == 1);

    SECTION("Undo edit") {
      window.app->undo_edit();
      window.frames(2);
      CHECK_FALSE(window.app->comparison().active());
      CHECK(window.app->what_if() == nullptr);
      CHECK(window.app->session().grouped_run() == original);
    }
    SECTION("Ctrl+Z") {
      window.key(GLFW_KEY_LEFT_CONTROL, GLFW_PRESS, GLFW_MOD_CONTROL);
      window.key(GLFW_KEY_Z, GLFW_PRESS, GLFW_MOD_CONTROL);
      window.key(GLFW_KEY_Z, GLFW_RELEASE, GLFW_MOD_CONTROL);
      window.key(GLFW_KEY_LEFT_CONTROL, GLFW_RELEASE, 0);
      window.frames(2);
      CHECK_FALSE(window.app->comparison().active());
      CHECK(window.app->what_if() == nullptr);
    }
    SECTION("Compare > Back to one run forgets the edit too") {
      window.app->close_compare();
      window.frames(2);
      CHECK(window.app->what_if() == nullptr);
    }
  }

  SECTION("lengths left wrong on purpose: a removed extension with keep_lengths is malformed input") {
    hl::edit::EditSpec removal;
    removal.step = 1;
    removal.path = "extensions.server_name";
    removal.value = "remove";
    removal.keep_lengths = true;
    std::string error;
    REQUIRE(window.app->send_edit(removal, error));
    INFO(error);
    window.frames(2);
    REQUIRE(window.app->what_if() != nullptr);
    CHECK(window.app->what_if()->first_difference == 1);
    CHECK_FALSE(window.app->what_if()->edited->transcript.failure.empty());
    CHECK(window.app->comparison().active());
  }
}

namespace {

// Puts the session on the transcript step carrying `type` and selects `path` of its wire tree,
// as a click on the ladder and then on the field would; returns the field.
hl::edit::EditableField select_field(Window& window, hl::HandshakeType type, const std::string& path) {
  Session& session = window.app->session();
  const auto& run = *session.run();
  const auto& steps = run.transcript.steps;
  auto found = std::find_if(steps.begin(), steps.end(), [&](const hl::Step& step) { return hl::carries(step, type); });
  REQUIRE(found != steps.end());
  const auto index = static_cast<std::size_t>(found - steps.begin());
  session.jump_to_step(index);
  hl::edit::EditableField chosen;
  for (const auto& field : hl::edit::editable_fields(run.decoded[index].fields))
    if (field.path == path) chosen = field;
  REQUIRE(chosen.length > 0);
  REQUIRE(session.select_byte(Buffer::wire, chosen.offset));
  window.frames(2);
  return chosen;
}

}  // namespace

TEST_CASE("what if: the editor, clicked through, by the client: a suite the server lacks first, it takes the next") {
  Window window;
  const auto original = window.app->session().grouped_run();
  REQUIRE(original != nullptr);
  REQUIRE(original->transcript.failure.empty());
  const auto field = select_field(window, hl::HandshakeType::client_hello, "cipher_suites[0]");

  window.click(window.probed("field tree", "Edit..."));
  window.frames(2);  // the modal opens
  window.click(window.probed("what-if popup", "By the client"));
  // The suite the client lists first becomes TLS_AES_128_CCM_SHA256, which the server does not enable.
  window.click(window.probed("what-if popup", "choice"));
  window.frames(2);  // the list scrolls to the suite the field holds now
  const std::string wanted = "TLS_AES_128_CCM_SHA256  (0x1304)";
  window.click(window.probed("what-if choices", wanted));
  window.click(window.probed("what-if popup", "Send this instead"));
  window.frames(2);

  const WhatIfEdit* edit = window.app->what_if();
  REQUIRE(edit != nullptr);
  CHECK(edit->by == EditBy::client);
  CHECK(edit->edits.at(0).path == field.path);
  CHECK(edit->edits.at(0).value == "TLS_AES_128_CCM_SHA256");
  CHECK_THAT(edit->client_settings, Catch::StartsWith("--set client-ciphers=TLS_AES_128_CCM_SHA256:"));
  // Both sides agree on the changed ClientHello, so the handshake completes: the server passes over
  // the suite it lacks and takes the client's next one, which is not what it chose before.
  CHECK(edit->edited->transcript.failure.empty());
  CHECK(edit->edited->transcript.negotiated.cipher == "TLS_CHACHA20_POLY1305_SHA256");
  CHECK(original->transcript.negotiated.cipher == "TLS_AES_256_GCM_SHA384");
  CHECK(edit->first_difference == 1);
  const Comparison& compare = window.app->comparison();
  REQUIRE(compare.active());
  CHECK_THAT(compare.side(Half::right).label, Catch::StartsWith("by the client: client-ciphers=TLS_AES_128_CCM_SHA256:"));
  // The modal closed once the App sent it: nothing of it is drawn any more.
  hl::app::ui::start_layout_probe();
  window.frame();
  const auto drawn = hl::app::ui::take_layout_probe();
  CHECK(std::none_of(drawn.begin(), drawn.end(), [](const auto& text) { return text.group == "what-if popup"; }));
}

TEST_CASE("what if: the editor, clicked through, on the wire: the ServerHello is not the client's to change") {
  Window window;
  select_field(window, hl::HandshakeType::server_hello, "cipher_suite");
  window.click(window.probed("field tree", "Edit..."));
  window.frames(2);
  // The client's choice is offered but disabled for a server's record: clicking it changes nothing.
  window.click(window.probed("what-if popup", "By the client"));
  window.click(window.probed("what-if popup", "choice"));
  window.frames(2);
  const auto& negotiated = window.app->session().grouped_run()->transcript.negotiated.cipher;
  const std::string other = negotiated == "TLS_AES_128_GCM_SHA256" ? "TLS_AES_256_GCM_SHA384  (0x1302)" : "TLS_AES_128_GCM_SHA256  (0x1301)";
  window.click(window.probed("what-if choices", other));
  window.click(window.probed("what-if popup", "Send this instead"));
  window.frames(2);
  const WhatIfEdit* edit = window.app->what_if();
  REQUIRE(edit != nullptr);
  CHECK(edit->by == EditBy::wire);
  CHECK(edit->client_settings.empty());
  // Mallory's suite reaches the client alone: the two key schedules part and the first decryption fails.
  CHECK_FALSE(edit->edited->transcript.failure.empty());
  CHECK_THAT(window.app->comparison().side(Half::right).label, Catch::StartsWith("edited: cipher_suite -> "));
}

TEST_CASE("what if: Ctrl Z is in the key table, so the Keys menu lists it") {
  CHECK(keys_for(Action::undo_edit) == "Ctrl Z");
  const KeyBinding* binding = binding_for(GLFW_KEY_Z, true);
  REQUIRE(binding != nullptr);
  CHECK(binding->action == Action::undo_edit);
  CHECK(binding_for(GLFW_KEY_Z, false) == nullptr);  // Z alone does nothing
}

TEST_CASE("what if: an unseeded run offers a seed, and then the editor") {
  Window window;
  hl::Scenario unseeded = window.app->session().run()->scenario;
  unseeded.seed.reset();
  window.app->run(unseeded);
  window.app->wait_for_run();
  window.frames(2);
  REQUIRE_FALSE(window.app->session().run()->scenario.seed);
  select_field(window, hl::HandshakeType::client_hello, "cipher_suites[0]");
  const std::size_t step = window.app->session().current_index();
  // No edit on a run that will not repeat: the button offers a seed instead.
  hl::app::ui::start_layout_probe();
  window.frame();
  const auto before = hl::app::ui::take_layout_probe();
  CHECK(std::none_of(before.begin(), before.end(), [](const auto& text) { return text.text == "Edit..."; }));
  window.click(window.probed("field tree", "Use a seed"));
  window.app->wait_for_run();
  window.frames(2);
  REQUIRE(window.app->session().run()->scenario.seed == 1u);
  CHECK(window.app->session().current_index() == step);  // the rerun keeps the step on screen
  select_field(window, hl::HandshakeType::client_hello, "cipher_suites[0]");
  window.click(window.probed("field tree", "Edit..."));
  window.frames(2);
  window.probed("what-if popup", "Send this instead");  // the editor is open
}
