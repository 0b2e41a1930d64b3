// BM_UiFrame: one full frame of the window (1600x1000, mid-handshake step) beside
// BM_ImGuiDemoFrame: ImGui::ShowDemoWindow in the same process and window. Both build the
// frame, render it with OpenGL and wait for the GPU (glFinish), so they compare like for like.
// Needs a display: run under xvfb-run; without one both report an error and skip.
#include <benchmark/benchmark.h>

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <memory>
#include <string>

#include "app/ui/app.hpp"
#include "app/ui/platform.hpp"

namespace {

using hl::app::ui::App;
using hl::app::ui::Platform;

// One hidden window and one App for the whole process: ImGui has one context.
struct UiFixture {
  std::unique_ptr<Platform> platform;
  std::unique_ptr<App> app;
  std::string error;

  UiFixture() {
    platform = Platform::open({1600, 1000, false, "bench"}, error);
    if (!platform) return;
    hl::app::ui::AppOptions options;
    options.persist_settings = false;
    options.persist_progress = false;  // a benchmark must not touch the user's lesson progress
    options.scenario.seed = 1;
    app = std::make_unique<App>(options);
    app->wait_for_run();
    // Mid-handshake: the Certificate record, whose tree and hex are the largest.
    auto& session = app->session();
    session.jump_to_position(session.cursor().size() / 3);
    for (int i = 0; i < 3; ++i) app_frame();  // let ImGui size its windows first
  }

  void app_frame() {
    platform->new_frame(*app);
    app->frame();
    platform->render();
    glFinish();
  }

  void demo_frame(bool full_window) {
    platform->new_frame();
    ImGui::ShowDemoWindow();
    if (full_window) {
      ImGui::SetWindowPos("Dear ImGui Demo", ImVec2(0, 0));
      ImGui::SetWindowSize("Dear ImGui Demo", ImGui::GetMainViewport()->Size);
    }
    platform->render();
    glFinish();
  }
};

UiFixture& fixture() {
  static UiFixture instance;
  return instance;
}

void BM_UiFrame(benchmark::State& state) {
  UiFixture& ui = fixture();
  if (!ui.platform) return state.SkipWithError(ui.error.c_str());
  for (auto _ : state) ui.app_frame();
  state.counters["vertices"] = ImGui::GetDrawData()->TotalVtxCount;  // how much the rasteriser gets
}
BENCHMARK(BM_UiFrame)->Unit(benchmark::kMillisecond);

void BM_ImGuiDemoFrame(benchmark::State& state) {
  UiFixture& ui = fixture();
  if (!ui.platform) return state.SkipWithError(ui.error.c_str());
  for (auto _ : state) ui.demo_frame(false);
  state.counters["vertices"] = ImGui::GetDrawData()->TotalVtxCount;
}
BENCHMARK(BM_ImGuiDemoFrame)->Unit(benchmark::kMillisecond);

// The demo window stretched over the same 1600x1000 the app fills: the same pixels to paint.
void BM_ImGuiDemoFrameFullWindow(benchmark::State& state) {
  UiFixture& ui = fixture();
  if (!ui.platform) return state.SkipWithError(ui.error.c_str());
  for (auto _ : state) ui.demo_frame(true);
  state.counters["vertices"] = ImGui::GetDrawData()->TotalVtxCount;
}
BENCHMARK(BM_ImGuiDemoFrameFullWindow)->Unit(benchmark::kMillisecond);

}  // namespace
