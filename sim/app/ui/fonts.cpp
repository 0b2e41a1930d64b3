#include "app/ui/fonts.hpp"

#include <filesystem>

namespace hl::app::ui {
namespace {

Fonts g_fonts;

constexpr const char* kTextFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kBoldFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
constexpr const char* kMonoFont = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";

// Latin, general punctuation (dashes, ellipsis), arrows, geometric shapes, check marks.
constexpr ImWchar kGlyphRanges[] = {0x0020, 0x00FF, 0x2010, 0x2027, 0x2190, 0x21FF,
                                    0x2500, 0x25FF, 0x2713, 0x2718, 0};

ImFont* load(const char* path, float size) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return nullptr;
  ImFontConfig config;
  config.OversampleH = 2;  // crisp at 1x without blowing up the atlas at 2x
  config.OversampleV = 1;
  return ImGui::GetIO().Fonts->AddFontFromFileTTF(path, size, &config, kGlyphRanges);
}

ImFont* builtin(float size) {
  ImFontConfig config;
  config.SizePixels = size;
  return ImGui::GetIO().Fonts->AddFontDefault(&config);
}

}  // namespace

const Fonts& fonts() { return g_fonts; }

void build_fonts(float size) {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  atlas->Clear();
  g_fonts = Fonts{};
  g_fonts.size = size;
  g_fonts.text = load(kTextFont, size);
  g_fonts.from_files = g_fonts.text != nullptr;
  if (g_fonts.text == nullptr) g_fonts.text = builtin(size);
  g_fonts.mono = load(kMonoFont, size);
  if (g_fonts.mono == nullptr) g_fonts.mono = g_fonts.text;
  g_fonts.heading = load(kBoldFont, size * 1.3f);
  if (g_fonts.heading == nullptr) g_fonts.heading = g_fonts.text;
  ImGui::GetIO().FontDefault = g_fonts.text;
  atlas->Build();
}

}  // namespace hl::app::ui
