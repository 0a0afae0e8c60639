// gen-national-stations: a synthetic national station registry in the pinned station-file format,
// for load tests and benchmarks.
//
//   gen-national-stations [--count N (default 200000)] [--seed S (default 20241231)] [-o FILE]
//
// The output depends only on N and S: the generator draws from std::mt19937_64 (whose sequence
// the standard fixes) through its own integer distributions, and computes positions in integer
// micro-degrees, so the file is byte-identical on every platform and library version. The
// std:: distributions are avoided on purpose: their algorithms are implementation-defined.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "domain/stations/codes.h"

namespace {

using yz::Amenity;
using yz::HostType;
using yz::Level;
using yz::Service;
using yz::StationStatus;

// A city (or county-level city) and the code of its central district. `weight` is roughly the
// urban population in units of 10,000, so station counts follow where outdoor workers are.
struct City {
  std::string_view name;
  std::string_view region;
  double lng;
  double lat;
  int weight;
};

// Positions are WGS-84 city centres, approximate to a kilometre or so.
constexpr City kCities[] = {
    {"北京", "110101", 116.407, 39.904, 2100},    {"天津", "120101", 117.200, 39.084, 1100},
    {"上海", "310101", 121.474, 31.230, 2400},    {"重庆", "500103", 106.551, 29.563, 1600},
    {"石家庄", "130102", 114.514, 38.042, 600},   {"唐山", "130203", 118.180, 39.630, 350},
    {"秦皇岛", "130302", 119.600, 39.935, 150},   {"邯郸", "130402", 114.490, 36.610, 300},
    {"邢台", "130502", 114.505, 37.070, 150},     {"保定", "130602", 115.465, 38.874, 300},
    {"张家口", "130702", 114.887, 40.768, 150},   {"承德", "130802", 117.963, 40.951, 80},
    {"沧州", "130902", 116.839, 38.304, 200},     {"廊坊", "131002", 116.684, 39.507, 150},
    {"衡水", "131102", 115.670, 37.739, 100},     {"太原", "140105", 112.549, 37.870, 450},
    {"大同", "140213", 113.300, 40.077, 180},     {"阳泉", "140302", 113.581, 37.857, 60},
    {"长治", "140403", 113.117, 36.195, 120},     {"晋城", "140502", 112.851, 35.490, 70},
    {"朔州", "140602", 112.433, 39.331, 50},      {"晋中", "140702", 112.753, 37.687, 100},
    {"运城", "140802", 111.007, 35.026, 120},     {"忻州", "140902", 112.734, 38.417, 60},
    {"临汾", "141002", 111.519, 36.088, 110},     {"吕梁", "141102", 111.144, 37.519, 50},
    {"呼和浩特", "150102", 111.670, 40.818, 250}, {"包头", "150203", 109.840, 40.657, 200},
    {"乌海", "150302", 106.825, 39.674, 50},      {"赤峰", "150402", 118.887, 42.258, 120},
    {"通辽", "150502", 122.263, 43.617, 80},      {"鄂尔多斯", "150602", 109.990, 39.817, 120},
    {"呼伦贝尔", "150702", 119.765, 49.212, 40},  {"巴彦淖尔", "150802", 107.388, 40.743, 60},
    {"乌兰察布", "150902", 113.133, 41.000, 40},  {"沈阳", "210102", 123.431, 41.805, 800},
    {"大连", "210202", 121.614, 38.914, 550},     {"鞍山", "210302", 122.994, 41.108, 170},
    {"抚顺", "210402", 123.921, 41.875, 100},     {"本溪", "210502", 123.769, 41.300, 60},
    {"丹东", "210603", 124.354, 40.000, 80},      {"锦州", "210702", 121.127, 41.095, 100},
    {"营口", "210802", 122.235, 40.667, 100},     {"阜新", "210902", 121.670, 42.012, 60},
    {"辽阳", "211002", 123.173, 41.270, 60},      {"盘锦", "211103", 122.071, 41.119, 80},
    {"铁岭", "211202", 123.842, 42.286, 50},      {"朝阳", "211302", 120.451, 41.573, 60},
    {"葫芦岛", "211403", 120.894, 40.735, 60},    {"长春", "220102", 125.323, 43.817, 600},
    {"吉林", "220204", 126.549, 43.838, 200},     {"四平", "220302", 124.350, 43.166, 60},
    {"通化", "220502", 125.940, 41.728, 50},      {"白山", "220602", 126.424, 41.944, 30},
    {"松原", "220702", 124.825, 45.141, 50},      {"白城", "220802", 122.839, 45.620, 40},
    {"延吉", "222401", 129.508, 42.891, 60},      {"哈尔滨", "230102", 126.617, 45.756, 700},
    {"齐齐哈尔", "230202", 123.957, 47.342, 150}, {"鸡西", "230302", 130.975, 45.300, 50},
    {"鹤岗", "230402", 130.297, 47.350, 40},      {"双鸭山", "230502", 131.159, 46.646, 40},
    {"大庆", "230602", 125.103, 46.589, 150},     {"伊春", "230717", 128.907, 47.728, 20},
    {"佳木斯", "230804", 130.318, 46.800, 70},    {"七台河", "230903", 131.015, 45.771, 30},
    {"牡丹江", "231002", 129.633, 44.552, 80},    {"黑河", "231102", 127.500, 50.250, 20},
    {"绥化", "231202", 126.969, 46.653, 60},      {"南京", "320102", 118.797, 32.059, 900},
    {"无锡", "320213", 120.312, 31.491, 550},     {"江阴", "320281", 120.285, 31.920, 170},
    {"徐州", "320302", 117.185, 34.262, 450},     {"常州", "320402", 119.974, 31.811, 400},
    {"苏州", "320508", 120.585, 31.299, 900},     {"常熟", "320581", 120.753, 31.654, 160},
    {"张家港", "320582", 120.555, 31.875, 140},   {"昆山", "320583", 120.981, 31.385, 200},
    {"南通", "320602", 120.894, 31.981, 400},     {"连云港", "320706", 119.222, 34.597, 200},
    {"淮安", "320812", 119.015, 33.610, 250},     {"盐城", "320902", 120.163, 33.348, 250},
    {"扬州", "321002", 119.413, 32.394, 250},     {"镇江", "321102", 119.455, 32.204, 180},
    {"泰州", "321202", 119.923, 32.455, 180},     {"宿迁", "321302", 118.276, 33.963, 180},
    {"杭州", "330102", 120.155, 30.274, 900},     {"宁波", "330203", 121.550, 29.874, 550},
    {"慈溪", "330282", 121.266, 30.170, 180},     {"温州", "330302", 120.699, 28.001, 500},
    {"嘉兴", "330402", 120.755, 30.746, 250},     {"湖州", "330502", 120.086, 30.894, 180},
    {"绍兴", "330602", 120.582, 30.002, 300},     {"金华", "330702", 119.647, 29.079, 300},
    {"义乌", "330782", 120.075, 29.306, 180},     {"衢州", "330802", 118.874, 28.941, 80},
    {"舟山", "330902", 122.107, 30.016, 60},      {"台州", "331002", 121.421, 28.656, 300},
    {"丽水", "331102", 119.923, 28.452, 80},      {"合肥", "340104", 117.227, 31.820, 650},
    {"芜湖", "340202", 118.433, 31.352, 200},     {"蚌埠", "340303", 117.389, 32.916, 150},
    {"淮南", "340403", 117.000, 32.626, 130},     {"马鞍山", "340503", 118.511, 31.670, 100},
    {"淮北", "340603", 116.794, 33.960, 70},      {"铜陵", "340705", 117.816, 30.946, 50},
    {"安庆", "340802", 117.064, 30.543, 120},     {"黄山", "341002", 118.317, 29.709, 40},
    {"滁州", "341102", 118.317, 32.302, 100},     {"阜阳", "341202", 115.814, 32.891, 200},
    {"宿州", "341302", 116.964, 33.646, 150},     {"六安", "341502", 116.522, 31.735, 130},
    {"亳州", "341602", 115.779, 33.844, 90},      {"池州", "341702", 117.489, 30.656, 40},
    {"宣城", "341802", 118.759, 30.940, 60},      {"福州", "350102", 119.297, 26.075, 550},
    {"厦门", "350203", 118.089, 24.479, 500},     {"莆田", "350302", 119.008, 25.432, 180},
    {"泉州", "350502", 118.586, 24.909, 450},     {"晋江", "350582", 118.552, 24.782, 200},
    {"漳州", "350602", 117.647, 24.513, 200},     {"南平", "350702", 118.178, 26.642, 50},
    {"龙岩", "350802", 117.017, 25.075, 100},     {"宁德", "350902", 119.548, 26.666, 80},
    {"南昌", "360102", 115.904, 28.683, 450},     {"景德镇", "360203", 117.214, 29.293, 70},
    {"萍乡", "360302", 113.887, 27.658, 70},      {"九江", "360403", 116.002, 29.705, 150},
    {"新余", "360502", 114.944, 27.818, 60},      {"鹰潭", "360602", 117.037, 28.238, 40},
    {"赣州", "360702", 114.933, 25.831, 250},     {"吉安", "360802", 114.993, 27.114, 100},
    {"宜春", "360902", 114.417, 27.815, 100},     {"抚州", "361002", 116.358, 27.948, 100},
    {"上饶", "361102", 117.943, 28.455, 120},     {"济南", "370102", 117.120, 36.651, 650},
    {"青岛", "370202", 120.383, 36.066, 700},     {"淄博", "370303", 118.055, 36.813, 300},
    {"枣庄", "370402", 117.323, 34.810, 150},     {"东营", "370502", 118.674, 37.434, 120},
    {"烟台", "370602", 121.448, 37.464, 350},     {"潍坊", "370705", 119.161, 36.707, 350},
    {"寿光", "370783", 118.737, 36.856, 60},      {"济宁", "370811", 116.587, 35.415, 300},
    {"泰安", "370902", 117.129, 36.194, 180},     {"威海", "371002", 122.120, 37.513, 150},
    {"日照", "371102", 119.527, 35.417, 130},     {"临沂", "371302", 118.356, 35.104, 450},
    {"德州", "371402", 116.359, 37.436, 180},     {"聊城", "371502", 115.985, 36.457, 180},
    {"滨州", "371602", 118.019, 37.384, 130},     {"菏泽", "371702", 115.481, 35.233, 250},
    {"郑州", "410105", 113.665, 34.757, 900},     {"开封", "410202", 114.355, 34.799, 150},
    {"洛阳", "410303", 112.434, 34.664, 300},     {"平顶山", "410402", 113.299, 33.736, 150},
    {"安阳", "410502", 114.393, 36.098, 180},     {"鹤壁", "410611", 114.297, 35.748, 60},
    {"新乡", "410702", 113.927, 35.303, 200},     {"焦作", "410802", 113.242, 35.216, 120},
    {"濮阳", "410902", 115.029, 35.762, 90},      {"许昌", "411002", 113.826, 34.023, 150},
    {"漯河", "411102", 114.017, 33.572, 90},      {"三门峡", "411202", 111.200, 34.773, 60},
    {"南阳", "411302", 112.528, 32.991, 300},     {"商丘", "411402", 115.656, 34.414, 200},
    {"信阳", "411502", 114.092, 32.147, 150},     {"周口", "411602", 114.697, 33.626, 200},
    {"驻马店", "411702", 114.022, 32.980, 180},   {"济源", "419001", 112.602, 35.067, 40},
    {"武汉", "420102", 114.305, 30.593, 950},     {"黄石", "420202", 115.039, 30.200, 100},
    {"十堰", "420302", 110.799, 32.629, 120},     {"宜昌", "420502", 111.286, 30.692, 180},
    {"襄阳", "420602", 112.144, 32.042, 220},     {"鄂州", "420704", 114.891, 30.391, 70},
    {"荆门", "420802", 112.201, 31.033, 80},      {"孝感", "420902", 113.916, 30.925, 120},
    {"荆州", "421002", 112.239, 30.326, 150},     {"黄冈", "421102", 114.879, 30.447, 100},
    {"咸宁", "421202", 114.322, 29.841, 70},      {"随州", "421303", 113.382, 31.717, 70},
    {"恩施", "422801", 109.488, 30.283, 60},      {"仙桃", "429004", 113.454, 30.364, 50},
    {"长沙", "430102", 112.939, 28.228, 800},     {"株洲", "430211", 113.134, 27.828, 180},
    {"湘潭", "430302", 112.944, 27.830, 140},     {"衡阳", "430406", 112.572, 26.894, 200},
    {"邵阳", "430502", 111.468, 27.239, 120},     {"岳阳", "430602", 113.129, 29.357, 180},
    {"常德", "430702", 111.699, 29.031, 150},     {"张家界", "430802", 110.479, 29.117, 40},
    {"益阳", "430902", 112.355, 28.554, 80},      {"郴州", "431002", 113.015, 25.770, 130},
    {"永州", "431103", 111.607, 26.434, 80},      {"怀化", "431202", 109.998, 27.550, 90},
    {"娄底", "431302", 111.994, 27.727, 70},      {"吉首", "433101", 109.698, 28.262, 40},
    {"广州", "440104", 113.264, 23.129, 1600},    {"韶关", "440204", 113.598, 24.812, 100},
    {"深圳", "440304", 114.057, 22.543, 1700},    {"珠海", "440402", 113.577, 22.271, 240},
    {"汕头", "440511", 116.682, 23.354, 300},     {"佛山", "440604", 113.122, 23.021, 900},
    {"江门", "440703", 113.081, 22.579, 250},     {"湛江", "440802", 110.359, 21.271, 250},
    {"茂名", "440902", 110.925, 21.663, 200},     {"肇庆", "441202", 112.465, 23.047, 150},
    {"惠州", "441302", 114.416, 23.111, 350},     {"梅州", "441402", 116.122, 24.289, 100},
    {"汕尾", "441502", 115.375, 22.786, 80},      {"河源", "441602", 114.700, 23.744, 80},
    {"阳江", "441702", 111.982, 21.858, 80},      {"清远", "441802", 113.056, 23.682, 120},
    {"东莞", "441900", 113.752, 23.021, 1000},    {"中山", "442000", 113.393, 22.517, 440},
    {"潮州", "445102", 116.622, 23.657, 100},     {"揭阳", "445202", 116.373, 23.551, 150},
    {"云浮", "445302", 112.044, 22.915, 50},      {"南宁", "450103", 108.366, 22.817, 500},
    {"柳州", "450202", 109.415, 24.326, 250},     {"桂林", "450302", 110.290, 25.274, 200},
    {"梧州", "450403", 111.279, 23.477, 100},     {"北海", "450502", 109.120, 21.481, 80},
    {"防城港", "450602", 108.354, 21.686, 30},    {"钦州", "450702", 108.654, 21.980, 80},
    {"贵港", "450802", 109.598, 23.111, 90},      {"玉林", "450902", 110.181, 22.654, 150},
    {"百色", "451002", 106.618, 23.901, 60},      {"贺州", "451102", 111.552, 24.412, 40},
    {"河池", "451202", 108.037, 24.689, 40},      {"来宾", "451302", 109.221, 23.750, 40},
    {"崇左", "451402", 107.354, 22.405, 30},      {"海口", "460106", 110.329, 20.031, 250},
    {"三亚", "460203", 109.512, 18.252, 80},      {"儋州", "460400", 109.581, 19.521, 40},
    {"成都", "510104", 104.081, 30.657, 1600},    {"自贡", "510302", 104.778, 29.339, 100},
    {"攀枝花", "510402", 101.716, 26.580, 70},    {"泸州", "510502", 105.443, 28.882, 180},
    {"德阳", "510603", 104.398, 31.127, 130},     {"绵阳", "510703", 104.679, 31.467, 200},
    {"广元", "510802", 105.844, 32.436, 80},      {"遂宁", "510903", 105.593, 30.533, 110},
    {"内江", "511002", 105.058, 29.580, 90},      {"乐山", "511102", 103.766, 29.552, 110},
    {"南充", "511302", 106.110, 30.837, 200},     {"眉山", "511402", 103.848, 30.075, 80},
    {"宜宾", "511502", 104.643, 28.752, 160},     {"广安", "511602", 106.633, 30.474, 70},
    {"达州", "511702", 107.468, 31.209, 150},     {"雅安", "511802", 103.001, 29.987, 40},
    {"巴中", "511902", 106.753, 31.858, 60},      {"资阳", "512002", 104.652, 30.122, 60},
    {"西昌", "513401", 102.264, 27.894, 60},      {"贵阳", "520102", 106.713, 26.578, 500},
    {"六盘水", "520201", 104.830, 26.593, 100},   {"遵义", "520302", 106.927, 27.725, 250},
    {"安顺", "520402", 105.947, 26.253, 70},      {"毕节", "520502", 105.305, 27.298, 100},
    {"铜仁", "520602", 109.191, 27.718, 40},      {"兴义", "522301", 104.895, 25.092, 50},
    {"凯里", "522601", 107.982, 26.566, 50},      {"都匀", "522701", 107.518, 26.259, 40},
    {"昆明", "530102", 102.713, 25.043, 650},     {"曲靖", "530302", 103.796, 25.490, 130},
    {"玉溪", "530402", 102.546, 24.352, 80},      {"保山", "530502", 99.162, 25.112, 40},
    {"昭通", "530602", 103.717, 27.337, 70},      {"丽江", "530702", 100.226, 26.877, 30},
    {"普洱", "530802", 100.977, 22.787, 30},      {"临沧", "530902", 100.082, 23.884, 25},
    {"楚雄", "532301", 101.546, 25.033, 40},      {"蒙自", "532503", 103.364, 23.396, 40},
    {"文山", "532601", 104.232, 23.386, 30},      {"景洪", "532801", 100.797, 22.008, 40},
    {"大理", "532901", 100.225, 25.590, 70},      {"芒市", "533103", 98.585, 24.433, 20},
    {"拉萨", "540102", 91.132, 29.660, 60},       {"日喀则", "540202", 88.880, 29.267, 20},
    {"林芝", "540402", 94.362, 29.649, 10},       {"西安", "610102", 108.947, 34.267, 1000},
    {"铜川", "610202", 109.076, 35.069, 40},      {"宝鸡", "610302", 107.238, 34.362, 150},
    {"咸阳", "610402", 108.709, 34.330, 150},     {"渭南", "610502", 109.510, 34.499, 120},
    {"延安", "610602", 109.490, 36.585, 70},      {"汉中", "610702", 107.023, 33.068, 90},
    {"榆林", "610802", 109.735, 38.285, 100},     {"安康", "610902", 109.029, 32.685, 80},
    {"商洛", "611002", 109.940, 33.868, 50},      {"兰州", "620102", 103.834, 36.061, 350},
    {"白银", "620402", 104.174, 36.545, 50},      {"天水", "620502", 105.725, 34.581, 100},
    {"武威", "620602", 102.638, 37.928, 60},      {"张掖", "620702", 100.450, 38.932, 50},
    {"酒泉", "620902", 98.494, 39.733, 40},       {"庆阳", "621002", 107.638, 35.709, 50},
    {"西宁", "630102", 101.778, 36.617, 200},     {"海东", "630202", 102.402, 36.482, 30},
    {"格尔木", "632801", 94.904, 36.402, 20},     {"银川", "640104", 106.278, 38.467, 220},
    {"石嘴山", "640202", 106.377, 39.015, 40},    {"吴忠", "640302", 106.199, 37.986, 40},
    {"固原", "640402", 106.242, 36.015, 30},      {"乌鲁木齐", "650102", 87.617, 43.826, 350},
    {"克拉玛依", "650203", 84.873, 45.580, 40},   {"吐鲁番", "650402", 89.190, 42.951, 30},
    {"哈密", "650502", 93.515, 42.818, 40},       {"昌吉", "652301", 87.309, 44.011, 50},
    {"库尔勒", "652801", 86.145, 41.764, 60},     {"阿克苏", "652901", 80.260, 41.168, 50},
    {"喀什", "653101", 75.990, 39.470, 70},       {"和田", "653201", 79.922, 37.114, 40},
    {"伊宁", "654002", 81.324, 43.917, 60},       {"石河子", "659001", 86.041, 44.306, 40},
};

constexpr std::string_view kStreetNames[] = {
    "人民路",   "解放路",   "中山路",   "建设路",   "和平路", "胜利路", "新华路", "文化路",
    "光明路",   "长江路",   "黄河路",   "滨河路",   "东风路", "朝阳路", "幸福路", "迎宾路",
    "青年路",   "工业路",   "北京路",   "南京路",   "延安路", "振兴路", "团结路", "友谊路",
    "学府路",   "科技路",   "世纪大道", "民主路",   "健康路", "府前路", "站前路", "开发区大道",
    "环城东路", "环城西路", "环城南路", "环城北路", "园林路", "商业街", "花园路", "育才路",
};
constexpr std::string_view kTownNames[] = {
    "城关镇", "新集镇", "高桥镇", "河口镇", "李庄镇", "王集镇", "东坝镇", "石桥镇",
    "三河镇", "马店镇", "白塔镇", "龙泉镇", "柳林镇", "双庙镇", "大营镇", "杨柳镇",
};
constexpr std::string_view kBanks[] = {"中国建设银行", "中国工商银行",     "中国农业银行",
                                       "中国银行",     "中国邮政储蓄银行", "交通银行",
                                       "农村商业银行"};
constexpr std::string_view kMalls[] = {"万达广场", "永辉超市", "华润万家", "苏宁广场",
                                       "银座商城", "大润发",   "百货大楼"};
constexpr std::string_view kEnterprises[] = {"国家电网",       "中国移动", "顺丰速运", "京东物流",
                                             "美团配送服务站", "公交集团", "城投集团"};
constexpr std::string_view kSurnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "高", "林", "郑", "谢", "罗", "梁", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "魏",
};
constexpr std::string_view kGivenNames[] = {
    "建国", "秀英", "玉兰", "志强", "海燕", "丽娟", "国栋", "春梅", "文静", "振华", "立新", "晓燕",
    "凤英", "德明", "桂芝", "红霞", "永刚", "亚楠", "明亮", "雪梅", "东升", "淑芬", "新华", "慧敏",
    "树林", "艳玲", "洪涛", "晓东", "金凤", "卫东", "俊杰", "婷婷", "学军", "秀芳", "宏伟", "素梅",
    "长青", "美玲", "浩",   "磊",   "静",   "敏",   "伟",   "芳",   "强",   "军",
};
constexpr std::string_view kPhonePrefixes[] = {"130", "131", "132", "133", "135", "136", "137",
                                               "138", "139", "150", "151", "152", "153", "155",
                                               "156", "157", "158", "159", "180", "181", "182",
                                               "183", "185", "186", "187", "188", "189"};

// Opening-hours patterns in the supported subset of the OSM syntax; "" means unknown.
// kHoursGeneral is drawn with kHoursGeneralWeights: daytime hours dominate, night and
// round-the-clock stations (for riders and drivers) are the minority.
constexpr std::string_view kHoursGeneral[] = {
    "Mo-Su 08:00-20:00",
    "Mo-Su 07:00-21:00",
    "Mo-Fr 08:30-12:00,13:30-17:30",
    "Mo-Fr 08:00-18:00; Sa,Su 09:00-17:00",
    "Mo-Sa 08:00-19:00; Su off",
    "Mo-Su 09:00-21:30",
    "Mo-Fr 08:00-12:00,14:00-18:00; Sa 09:00-12:00",
    "Tu-Su 09:00-17:00; Mo off",
    "Mo-Su 10:00-02:00",
    "Mo-Su 06:30-23:30; Fr,Sa 06:30-01:00",
    "Mo-Su 18:00-06:00",
    "24/7",
};
constexpr std::array<int, 12> kHoursGeneralWeights{20, 15, 12, 10, 8, 8, 6, 4, 4, 4, 2, 7};
static_assert(std::size(kHoursGeneral) == kHoursGeneralWeights.size());
constexpr std::string_view kHoursBank[] = {"Mo-Fr 09:00-17:00; Sa,Su 10:00-16:00",
                                           "Mo-Fr 08:30-17:00; Sa 09:00-16:00; Su off",
                                           "Mo-Fr 09:00-17:00", "Mo-Su 09:00-17:00"};
constexpr std::string_view kHoursEarly[] = {"Mo-Su 05:00-20:00", "Mo-Su 04:30-19:30",
                                            "Mo-Su 05:30-21:00"};
constexpr std::string_view kHoursGas[] = {"24/7", "24/7", "Mo-Su 06:00-22:00", "Mo-Su 06:00-02:00"};

// The random source: mt19937_64 with integer-only draws, so every platform agrees.
class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}

  // Uniform in [0, n); n > 0. The modulo bias is negligible: n is at most 10^8 here.
  uint64_t Below(uint64_t n) { return engine_() % n; }
  int64_t Between(int64_t lo, int64_t hi) {  // inclusive
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo + 1)));
  }
  // True with probability per_mille / 1000.
  bool Chance(int per_mille) { return Below(1000) < static_cast<uint64_t>(per_mille); }

  // A normal deviate scaled to `sigma` (any unit): the Irwin–Hall sum of twelve uniforms, exact
  // in integers and bounded at ±6 sigma, which suits positions (no station lands in the sea
  // 200 km away).
  int64_t Normal(int64_t sigma) {
    constexpr int kBits = 24;
    int64_t sum = 0;
    for (int i = 0; i < 12; ++i) sum += static_cast<int64_t>(engine_() >> (64 - kBits));
    const int64_t centred = sum - 6 * (int64_t{1} << kBits);  // mean 0, sd 2^24
    return centred * sigma / (int64_t{1} << kBits);
  }

  template <class T, std::size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Below(N)];
  }

 private:
  std::mt19937_64 engine_;
};

// Picks an index by integer weights.
template <std::size_t N>
std::size_t PickWeighted(Rng& rng, const std::array<int, N>& weights) {
  int total = 0;
  for (int w : weights) total += w;
  auto r = static_cast<int>(rng.Below(static_cast<uint64_t>(total)));
  for (std::size_t i = 0; i < N; ++i) {
    if (r < weights[i]) return i;
    r -= weights[i];
  }
  return N - 1;
}

constexpr int64_t kMicroDegreesPerDegree = 1'000'000;
constexpr int64_t kMetresPerDegree = 111'320;

struct Point {
  int64_t lng_e6;
  int64_t lat_e6;
};

// A city prepared for drawing: its centre in micro-degrees, its clusters and its towns.
struct CityPlan {
  const City* city;
  Point centre;
  int64_t metres_per_degree_lng;  // shrinks with cos(latitude)
  struct Cluster {
    Point centre;
    int64_t sigma_m;
    int weight;
  };
  std::vector<Cluster> clusters;
  std::vector<Point> towns;
  int total_cluster_weight = 0;
};

Point Offset(const CityPlan& plan, Point from, int64_t east_m, int64_t north_m) {
  return {from.lng_e6 + east_m * kMicroDegreesPerDegree / plan.metres_per_degree_lng,
          from.lat_e6 + north_m * kMicroDegreesPerDegree / kMetresPerDegree};
}

CityPlan PlanCity(const City& city, Rng& rng) {
  CityPlan plan;
  plan.city = &city;
  plan.centre = {std::llround(city.lng * 1e6), std::llround(city.lat * 1e6)};
  // The only floating-point steps. Every value rounded here lies at least 0.002 from a
  // half-integer, so a libm that differs from another in the last bit still rounds alike.
  plan.metres_per_degree_lng = std::llround(static_cast<double>(kMetresPerDegree) *
                                            std::cos(city.lat * 3.14159265358979 / 180.0));

  const int weight = std::min(city.weight, 2000);
  const int64_t spread_m = 2000 + 13000 * int64_t{weight} / 2000;  // 2–15 km
  const int cluster_count = std::min(2 + city.weight / 100, 14);
  // The first cluster is the old centre itself; the others are districts around it.
  plan.clusters.push_back({plan.centre, 1500 + spread_m / 6, 4});
  for (int i = 1; i < cluster_count; ++i) {
    const Point c =
        Offset(plan, plan.centre, rng.Normal(spread_m * 6 / 10), rng.Normal(spread_m * 6 / 10));
    plan.clusters.push_back({c, rng.Between(600, 2500), static_cast<int>(rng.Between(1, 4))});
  }
  for (const auto& c : plan.clusters) plan.total_cluster_weight += c.weight;

  // Towns in a square ring around the centre: 8–20 km out for a small city, 15–60 km for a
  // large one (whose territory is larger too).
  const int town_count = std::min(3 + city.weight / 150, 12);
  const int64_t reach = std::min(city.weight, 1000);
  const int64_t inner_m = 8000 + 7000 * reach / 1000;
  const int64_t outer_m = 20000 + 40000 * reach / 1000;
  for (int i = 0; i < town_count; ++i) {
    int64_t east = 0;
    int64_t north = 0;
    do {
      east = rng.Between(-outer_m, outer_m);
      north = rng.Between(-outer_m, outer_m);
    } while (std::llabs(east) < inner_m && std::llabs(north) < inner_m);
    plan.towns.push_back(Offset(plan, plan.centre, east, north));
  }
  return plan;
}

void AppendDegrees(std::string& out, int64_t e6) {
  if (e6 < 0) {
    out += '-';
    e6 = -e6;
  }
  fmt::format_to(std::back_inserter(out), "{}.{:06}", e6 / 1'000'000, e6 % 1'000'000);
}

// RFC 4180: quote a field that holds a comma, a quote or a line break.
void AppendField(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

struct Options {
  int64_t count = 200000;
  uint64_t seed = 20241231;
  std::string output;  // empty: standard output
};

bool ParseInteger(const char* text, uint64_t& value) {
  if (*text == '\0') return false;
  char* end = nullptr;
  errno = 0;
  value = std::strtoull(text, &end, 10);
  return errno == 0 && *end == '\0' && text[0] != '-';
}

[[noreturn]] void Usage() {
  std::fputs("usage: gen-national-stations [--count N] [--seed S] [-o FILE]\n", stderr);
  std::exit(2);
}

Options ParseOptions(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (i + 1 >= argc) Usage();
    uint64_t value = 0;
    if (arg == "--count") {
      if (!ParseInteger(argv[++i], value) || value > 100'000'000) Usage();
      options.count = static_cast<int64_t>(value);
    } else if (arg == "--seed") {
      if (!ParseInteger(argv[++i], value)) Usage();
      options.seed = value;
    } else if (arg == "-o") {
      options.output = argv[++i];
    } else {
      Usage();
    }
  }
  return options;
}

// Stations per city, proportional to weight (largest remainder, so they add up to `count`).
std::vector<int64_t> Apportion(int64_t count) {
  constexpr std::size_t kCount = std::size(kCities);
  int64_t total_weight = 0;
  for (const auto& c : kCities) total_weight += c.weight;
  std::vector<int64_t> counts(kCount);
  std::vector<std::pair<int64_t, std::size_t>> remainders;
  int64_t assigned = 0;
  for (std::size_t i = 0; i < kCount; ++i) {
    const int64_t product = count * kCities[i].weight;
    counts[i] = product / total_weight;
    assigned += counts[i];
    remainders.emplace_back(product % total_weight, i);
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (int64_t k = 0; k < count - assigned; ++k)
    ++counts[remainders[static_cast<std::size_t>(k)].second];
  return counts;
}

constexpr std::array<HostType, 11> kHostTypes{
    HostType::kCommunityCenter, HostType::kBank,       HostType::kGasStation,
    HostType::kPostExpress,     HostType::kSanitation, HostType::kCommercial,
    HostType::kGovernment,      HostType::kTransit,    HostType::kEnterprise,
    HostType::kUnion,           HostType::kOther};
constexpr std::array<int, 11> kUrbanHostWeights{300, 140, 100, 70, 90, 90, 45, 30, 50, 20, 30};
constexpr std::array<int, 11> kTownHostWeights{200, 90, 120, 50, 40, 30, 400, 10, 30, 10, 20};

std::string StationName(Rng& rng, const City& city, HostType host, bool in_town,
                        std::string_view town, std::string_view road) {
  const std::string place =
      in_town ? fmt::format("{}{}", city.name, town) : fmt::format("{}{}", city.name, road);
  switch (host) {
    case HostType::kBank:
      return fmt::format("{}{}支行劳动者港湾", rng.Pick(kBanks), place);
    case HostType::kGasStation:
      return fmt::format("中国石化{}加油站爱心驿站", place);
    case HostType::kPostExpress:
      return fmt::format("中国邮政{}揽投部驿站", place);
    case HostType::kCommunityCenter:
      return fmt::format("{}社区党群服务中心爱心驿站", place);
    case HostType::kSanitation:
      return fmt::format("{}环卫作业站驿站", place);
    case HostType::kUnion:
      return fmt::format("{}职工服务中心户外劳动者服务站", place);
    case HostType::kCommercial:
      return fmt::format("{}{}店爱心驿站", rng.Pick(kMalls), place);
    case HostType::kTransit:
      return fmt::format("{}公交枢纽驿站", place);
    case HostType::kGovernment:
      return fmt::format("{}便民服务中心驿站", place);
    case HostType::kEnterprise:
      return fmt::format("{}{}户外劳动者服务站", rng.Pick(kEnterprises), place);
    case HostType::kOther:
      break;
  }
  return fmt::format("{}户外劳动者服务站", place);
}

std::string_view OpeningHours(Rng& rng, HostType host) {
  if (rng.Chance(50)) return "";
  switch (host) {
    case HostType::kBank:
      return rng.Pick(kHoursBank);
    case HostType::kGasStation:
      return rng.Pick(kHoursGas);
    case HostType::kSanitation:
      return rng.Pick(kHoursEarly);
    default:
      return kHoursGeneral[PickWeighted(rng, kHoursGeneralWeights)];
  }
}

int ExtraChance(Amenity a, HostType host, Level level) {
  const bool better = level != Level::kStandard || host == HostType::kUnion;
  switch (a) {
    case Amenity::kWifi:
      return better ? 850 : 450;
    case Amenity::kFridge:
      return better ? 600 : 220;
    case Amenity::kTv:
      return better ? 500 : 180;
    case Amenity::kUmbrella:
      return 400;
    case Amenity::kAed:
      return host == HostType::kUnion || level == Level::kProvincialDemo ? 500 : 15;
    case Amenity::kHotWater:
      return host == HostType::kSanitation ? 700 : 350;
    case Amenity::kEbikeCharging:
      return 200;
    case Amenity::kTireInflation:
      return host == HostType::kGasStation ? 850 : 120;
    case Amenity::kWashbasin:
      return 300;
    default:
      return 0;
  }
}

void AppendAmenities(std::string& out, Rng& rng, HostType host, Level level) {
  bool first = true;
  auto add = [&](Amenity a, std::string_view state) {
    if (!first) out += '|';
    first = false;
    out += yz::AmenityCode(a);
    if (!state.empty()) {
      out += ':';
      out += state;
    }
  };
  for (int i = 0; i < yz::kAmenityCount; ++i) {
    const auto a = static_cast<Amenity>(i);
    if (i < 10) {  // the standard ten: nearly always there, now and then broken or missing
      const auto r = rng.Below(1000);
      if (r < 10) continue;  // not recorded
      add(a, r < 20 ? "broken" : r < 25 ? "missing" : "");
    } else if (rng.Chance(ExtraChance(a, host, level))) {
      add(a, rng.Chance(20) ? "broken" : "");
    }
  }
}

void AppendServices(std::string& out, Rng& rng, HostType host) {
  constexpr std::array<int, yz::kServiceCount> kChance{850, 120, 80, 500, 300, 150, 120};
  bool first = true;
  for (int i = 0; i < yz::kServiceCount; ++i) {
    int chance = kChance[static_cast<std::size_t>(i)];
    if (host == HostType::kUnion) chance = std::max(chance, 600);
    if (!rng.Chance(chance)) continue;
    if (!first) out += '|';
    first = false;
    out += yz::ServiceCode(static_cast<Service>(i));
  }
}

void AppendDate(std::string& out, Rng& rng) {
  constexpr std::array<int, 7> kYearWeights{5, 8, 12, 18, 25, 22, 10};  // 2019–2025
  const int year = 2019 + static_cast<int>(PickWeighted(rng, kYearWeights));
  const int month = static_cast<int>(rng.Between(1, 12));
  constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int days = kDays[static_cast<std::size_t>(month - 1)];
  if (month == 2 && year % 4 == 0) days = 29;  // 2020 and 2024; no century years in range
  fmt::format_to(std::back_inserter(out), "{:04}-{:02}-{:02}", year, month, rng.Between(1, days));
}

void AppendRow(std::string& out, Rng& rng, const CityPlan& plan, int64_t sequence) {
  const City& city = *plan.city;
  const bool in_town = rng.Chance(180);
  Point p;
  std::size_t town_index = 0;
  if (in_town) {
    town_index = rng.Below(plan.towns.size());
    p = Offset(plan, plan.towns[town_index], rng.Normal(800), rng.Normal(800));
  } else {
    auto r = static_cast<int>(rng.Below(static_cast<uint64_t>(plan.total_cluster_weight)));
    const CityPlan::Cluster* cluster = &plan.clusters.back();
    for (const auto& c : plan.clusters) {
      if (r < c.weight) {
        cluster = &c;
        break;
      }
      r -= c.weight;
    }
    p = Offset(plan, cluster->centre, rng.Normal(cluster->sigma_m), rng.Normal(cluster->sigma_m));
  }

  const HostType host =
      kHostTypes[PickWeighted(rng, in_town ? kTownHostWeights : kUrbanHostWeights)];
  constexpr std::array<int, 4> kLevelWeights{9440, 450, 100, 10};
  const auto level = static_cast<Level>(PickWeighted(rng, kLevelWeights));
  constexpr std::array<int, 5> kStatusWeights{20, 30, 920, 20, 10};  // planned … closed
  const auto status = static_cast<StationStatus>(PickWeighted(rng, kStatusWeights));

  const std::string_view road = rng.Pick(kStreetNames);
  const std::string_view town = kTownNames[town_index % std::size(kTownNames)];
  const std::string name = StationName(rng, city, host, in_town, town, road);

  // code
  fmt::format_to(std::back_inserter(out), "CN{}-{:06},", city.region, sequence);
  AppendField(out, name);
  out += ',';
  if (in_town) {
    fmt::format_to(std::back_inserter(out), "{}{}{}村{}号,", city.name, town, rng.Pick(kSurnames),
                   rng.Between(1, 300));
  } else {
    fmt::format_to(std::back_inserter(out), "{}{}{}号,", city.name, road, rng.Between(1, 2999));
  }
  AppendDegrees(out, p.lng_e6);
  out += ',';
  AppendDegrees(out, p.lat_e6);
  out += ',';
  out += city.region;
  out += ',';
  out += yz::HostTypeCode(host);
  out += ',';
  out += yz::LevelCode(level);
  out += ',';
  out += yz::StationStatusCode(status);
  out += ',';
  AppendField(out, OpeningHours(rng, host));
  out += ',';
  AppendAmenities(out, rng, host, level);
  out += ',';
  AppendServices(out, rng, host);
  out += ',';
  if (!rng.Chance(30)) {
    out += rng.Pick(kSurnames);
    out += rng.Pick(kGivenNames);
    out += ',';
    out += rng.Pick(kPhonePrefixes);
    fmt::format_to(std::back_inserter(out), "{:08}", rng.Below(100'000'000));
  } else {
    out += ',';
  }
  out += ',';
  if (status != StationStatus::kPlanned && status != StationStatus::kBuilding) AppendDate(out, rng);
  out += ',';
  // Investment 5,000–80,000 CNY in hundreds, skewed towards the cheaper corner stations.
  const int64_t hundreds = std::min(rng.Between(0, 750), rng.Between(0, 750));
  fmt::format_to(std::back_inserter(out), "{}\n", 5000 + 100 * hundreds);
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = ParseOptions(argc, argv);
  std::FILE* file = stdout;
  if (!options.output.empty()) {
    file = std::fopen(options.output.c_str(), "wb");
    if (file == nullptr) {
      std::fprintf(stderr, "gen-national-stations: cannot open %s: %s\n", options.output.c_str(),
                   std::strerror(errno));
      return 1;
    }
  }

  Rng rng(options.seed);
  std::string out =
      "code,name,address,lng,lat,region,host_type,level,status,opening_hours,amenities,services,"
      "manager,phone,opened_on,investment_cny\n";
  out.reserve(1 << 20);
  const std::vector<int64_t> counts = Apportion(options.count);
  bool ok = true;
  for (std::size_t i = 0; i < std::size(kCities) && ok; ++i) {
    const CityPlan plan = PlanCity(kCities[i], rng);
    for (int64_t s = 1; s <= counts[i]; ++s) {
      AppendRow(out, rng, plan, s);
      if (out.size() > (1 << 20) - 4096) {
        ok = std::fwrite(out.data(), 1, out.size(), file) == out.size();
        out.clear();
      }
    }
  }
  if (ok) ok = std::fwrite(out.data(), 1, out.size(), file) == out.size();
  if (std::fflush(file) != 0) ok = false;
  if (file != stdout && std::fclose(file) != 0) ok = false;
  if (!ok) {
    std::fputs("gen-national-stations: write failed\n", stderr);
    return 1;
  }
  return 0;
}
