// Big text and small windows (issue 15 §6): the window drawn at four sizes and four font sizes,
// normal and presenter mode. The views report where each text went (app/ui/layout_probe.hpp);
// no two texts of the ladder, the step bar or a tab bar may overlap, and none may run past its pane.
#include <catch2/catch.hpp>

#include <stdlib.h>

#include <algorithm>
#include <sstream>
#include <utility>
#include <vector>

#include "app/key_map.hpp"
#include "app/ui/app.hpp"
#include "app/short_title.hpp"
#include "app/ui/layout_probe.hpp"
#include "app/ui/platform.hpp"
#include "core/lessons/loader.hpp"
#include "gui_window.hpp"

using namespace hl::app;

namespace {

constexpr float kSlack = 1.0f;  // rounding: texts that share an edge do not overlap

// The part of a text its window shows (a row scrolled under the ladder's header is not seen).
ui::ProbedText visible(ui::ProbedText t) {
  t.min = ImVec2(std::max(t.min.x, t.clip_min.x), std::max(t.min.y, t.clip_min.y));
  t.max = ImVec2(std::min(t.max.x, t.clip_max.x), std::min(t.max.y, t.clip_max.y));
  return t;
}

bool overlap(const ui::ProbedText& a_text, const ui::ProbedText& b_text) {
  const ui::ProbedText a = visible(a_text), b = visible(b_text);
  return a.min.x + kSlack < b.max.x && b.min.x + kSlack < a.max.x && a.min.y + kSlack < b.max.y &&
         b.min.y + kSlack < a.max.y;
}

// Horizontally past its pane (or its tab), while some of it is in view vertically.
bool runs_out(const ui::ProbedText& t) {
  const bool in_view = t.max.y > t.clip_min.y && t.min.y < t.clip_max.y;
  return in_view && (t.min.x + kSlack < t.clip_min.x || t.max.x > t.clip_max.x + kSlack);
}

std::string describe(const ui::ProbedText& t) {
  std::ostringstream out;
  out << t.group << " '" << t.text << "' [" << t.min.x << "," << t.min.y << " - " << t.max.x << "," << t.max.y
      << "] in [" << t.clip_min.x << " - " << t.clip_max.x << "]";
  return out.str();
}

// The defects of one frame, one line each.
std::vector<std::string> layout_defects(const std::vector<ui::ProbedText>& texts) {
  std::vector<std::string> defects;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (runs_out(texts[i])) defects.push_back("cut: " + describe(texts[i]));
    for (std::size_t j = i + 1; j < texts.size(); ++j) {
      if (texts[i].group != texts[j].group || !overlap(texts[i], texts[j])) continue;
      defects.push_back("overlap: " + describe(texts[i]) + " and " + describe(texts[j]));
    }
  }
  return defects;
}

struct Layout {
  int width, height;
  float font_size;
  bool presenter;
};

// Draws one frame of the lesson at layout and returns what the views reported; out_title gets the
// title of the step the cursor is on.
std::vector<ui::ProbedText> draw_and_probe(ui::Platform& platform, const Layout& layout, const hl::Lesson& lesson,
                                           std::string& out_title) {
  ui::AppOptions options;
  options.persist_settings = false;
  options.persist_progress = false;
  options.show_run_time = false;
  options.scenario = lesson.scenario;
  options.scenario.seed = 1;
  options.lesson_id = lesson.id;
  options.settings.font_size = layout.font_size;
  options.presenter = layout.presenter;
  options.start_position = 8;  // a protected record mid-handshake: lock, title and size in the ladder
  ui::App app(options);
  app.wait_for_run();
  for (int i = 0; i < 3; ++i) {  // fonts are rebuilt between frames, then the layout settles
    platform.new_frame(app);
    app.frame();
    platform.render();
  }
  ui::start_layout_probe();
  platform.new_frame(app);
  app.frame();
  platform.render();
  out_title = app.session().current_step()->title;
  return ui::take_layout_probe();
}

// The lesson both tests draw (the lesson pane reads the same directory).
const hl::Lesson* https_lesson() {
  ::setenv("HL_LESSONS_DIR", (std::string(HL_SOURCE_DIR) + "/lessons").c_str(), 1);
  static const hl::LessonLibrary library = hl::load_lesson_library(std::string(HL_SOURCE_DIR) + "/lessons");
  return hl::find_lesson(library, "https-443");
}

}  // namespace

TEST_CASE("no two texts of the ladder, the step bar or a tab bar overlap, at any window and font size") {
  const hl::Lesson* lesson = https_lesson();
  REQUIRE(lesson != nullptr);
  std::string error;
  auto platform = ui::Platform::open({1920, 1080, false, "layout test"}, error);  // one window, resized
  INFO(error);
  REQUIRE(platform);
  for (auto [w, h] : {std::pair{800, 600}, {1280, 720}, {1600, 1000}, {1920, 1080}}) {
    platform->set_offscreen_size(w, h);
    std::vector<Layout> layouts;
    for (float font : {14.0f, 20.0f, 32.0f, 48.0f}) layouts.push_back({w, h, font, false});
    if (w == 800 || w == 1920) {
      layouts.push_back({w, h, 20.0f, true});
      layouts.push_back({w, h, 48.0f, true});
    }
    for (const Layout& layout : layouts) {
      std::string title;
      const auto texts = draw_and_probe(*platform, layout, *lesson, title);
      INFO(w << "x" << h << " font " << layout.font_size << (layout.presenter ? " presenter" : ""));
      // The probe saw the panes it checks: a test that looks at nothing cannot fail.
      auto count = [&](std::string_view group) {
        return std::count_if(texts.begin(), texts.end(),
                             [&](const ui::ProbedText& t) { return t.group.rfind(group, 0) == 0; });
      };
      CHECK(ImGui::GetIO().DisplaySize.x == static_cast<float>(w));  // drawn at the size under test
      CHECK(count("ladder") >= 4);
      CHECK(count("step bar") >= 3);
      if (!layout.presenter) CHECK(count("tabs ") >= 1);  // tabs, or the picker that stands in for them
      for (const auto& defect : layout_defects(texts)) FAIL_CHECK(defect);
      // The current row still names its message: whole, cut after a readable head, or abbreviated; never a bare arrow.
      INFO("current step: " << title);
      CHECK(std::any_of(texts.begin(), texts.end(), [&](const ui::ProbedText& t) {
        const bool readable_head = t.text.size() >= 10 && title.rfind(t.text, 0) == 0;  // "EncryptedExte…"
        return t.group == "ladder" && (t.text == title || t.text == hl::app::short_title(title) || readable_head);
      }));
    }
  }
}

TEST_CASE("Ctrl + twelve times leaves the bottom pane room for more than its header") {
  const hl::Lesson* lesson = https_lesson();
  REQUIRE(lesson != nullptr);
  std::string error;
  auto platform = ui::Platform::open({1600, 1000, false, "layout test"}, error);
  INFO(error);
  REQUIRE(platform);
  ui::AppOptions options;
  options.persist_settings = false;
  options.persist_progress = false;
  options.scenario = lesson->scenario;
  options.lesson_id = lesson->id;
  ui::App app(options);
  app.wait_for_run();
  auto frame = [&] {
    platform->new_frame(app);
    app.frame();
    platform->render();
  };
  frame();
  for (int i = 0; i < 12; ++i) {
    app.perform(Action::larger_text);
    frame();
  }
  CHECK(app.settings().font_size == 44.0f);  // 20 and twelve steps of 2
  frame();
  ui::start_layout_probe();
  frame();
  const auto texts = ui::take_layout_probe();
  // The lowest tab bar (or picker) heads the bottom pane: below it, at least three lines of content.
  float lowest_header = 0;
  for (const auto& t : texts)
    if (t.group.rfind("tabs ", 0) == 0) lowest_header = std::max(lowest_header, t.max.y);
  REQUIRE(lowest_header > 0);
  const float font = ImGui::GetFontSize();
  INFO("font " << font << ", bottom pane header ends at " << lowest_header);
  CHECK(1000.0f - lowest_header >= 3 * font);
}

namespace {

// The deepest field of a tree and its depth (1: a top-level field).
std::pair<const hl::Field*, std::size_t> deepest(const std::vector<hl::Field>& fields, std::size_t depth = 1) {
  std::pair<const hl::Field*, std::size_t> found{nullptr, 0};
  for (const hl::Field& field : fields) {
    auto below = field.children.empty() ? std::pair{&field, depth} : deepest(field.children, depth + 1);
    if (below.second > found.second) found = below;
  }
  return found;
}

}  // namespace

TEST_CASE("a deep field tree (an OCSP response) keeps every open name readable") {
  const hl::Lesson* https = https_lesson();  // sets HL_LESSONS_DIR
  REQUIRE(https != nullptr);
  static const hl::LessonLibrary library = hl::load_lesson_library(std::string(HL_SOURCE_DIR) + "/lessons");
  const hl::Lesson* ocsp = hl::find_lesson(library, "ocsp-stapling");
  REQUIRE(ocsp != nullptr);
  ui::AppOptions options;
  options.persist_progress = false;
  options.lesson_id = ocsp->id;
  options.scenario = ocsp->scenario;
  hl::test::GuiWindow window(options, 1600, 1000);
  Session& session = window.app->session();
  const auto& steps = session.run()->transcript.steps;
  const auto status = std::find_if(steps.begin(), steps.end(),
                                   [](const hl::Step& step) { return hl::carries(step, hl::HandshakeType::certificate_status); });
  REQUIRE(status != steps.end());
  const auto index = static_cast<std::size_t>(status - steps.begin());
  session.jump_to_step(index);
  const auto [leaf, depth] = deepest(session.run()->decoded[index].fields);
  REQUIRE(leaf != nullptr);
  REQUIRE(depth >= 8);  // deep enough to have pushed names out of the column
  REQUIRE(session.select_byte(Buffer::wire, leaf->offset));  // opens every level down to it
  window.frames(3);
  ui::start_layout_probe();
  window.frame();
  const auto drawn = ui::take_layout_probe();
  std::size_t names = 0;
  for (const ui::ProbedText& text : drawn) {
    if (text.group != "field names" || text.max.y <= text.clip_min.y || text.min.y >= text.clip_max.y) continue;
    ++names;
    // Whole, or at least eight letters before the ellipsis: never an empty or two-letter stub.
    const std::size_t cut = text.text.find("\xe2\x80\xa6");
    INFO(text.text);
    CHECK((cut == std::string::npos ? text.text.size() : cut) >= std::min<std::size_t>(8, text.text.size()));
    CHECK_FALSE(text.text.empty());
  }
  CHECK(names > 8);
}
