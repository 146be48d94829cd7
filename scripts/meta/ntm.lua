---@meta ntm
-- The API that ntm gives to Lua scripts. Editors with a Lua language server read this file
-- (see .luarc.json.example); `ntm doc` prints it. Every name a script can call is here: a
-- test fails when a bound name is missing.
--
-- Scripts run in a sandbox: no io, os, require, package, debug, dofile, loadfile; load()
-- takes text only; the shared libraries (string, table, math, utf8, coroutine, ntm) are
-- read-only; every run has fresh globals and limits on instructions, time and memory.

---@class ntm
ntm = {}

---Version of ntm, e.g. "0.1.0".
---@type string
ntm.version = ""

---@class ntm.ParamSpec
---@field type? "string"|"integer"|"number"|"boolean"
---@field default? any
---@field help? string
---@field required? boolean
---@field choices? string[]

---Declares the script's parameters and returns their values from the command line
---(`--name value`). Call it first: `ntm run SCRIPT --help` lists what it declares.
---A spec may be a table or just a default value (`year = 2020`).
---@param spec table<string, ntm.ParamSpec|any>
---@return table<string, any>
function ntm.params(spec) end

---A province by name or code; accents and case optional ("dien bien", "11").
---An unknown name is an error that suggests the closest names.
---@param name_or_code string
---@return Province
function ntm.province(name_or_code) end

---Read-only parameterised SQL (SELECT only; ? placeholders). Returns rows keyed by column.
---@param query string
---@param ... nil|boolean|number|string
---@return table[]
function ntm.sql(query, ...) end

---Writes a line to the log (standard error), not to the output.
---@param ... any
function ntm.log(...) end

---Loads a shared library script `lib/NAME.lua` from the script folders, once per run,
---and returns what it returns. (`require` is not available in scripts.)
---@param name string
---@return any
function ntm.use(name) end

---@class ntm.CriterionInfo
---@field number integer
---@field name string "Giao thông"
---@field group string group of criteria ("Hạ tầng kinh tế - xã hội")
---@field indicators string[] indicator ids ("2.1", "2.2", ...)

---@class ntm.IndicatorInfo
---@field id string "17.3"
---@field criterion integer
---@field name string
---@field unit string "%", "dat" (đạt = 1 / chưa đạt = 0), "trieu-dong/nguoi", ...
---@field comparison ">="|"<="|">"|"<"|"="
---@field min? number plausible range of a value
---@field max? number

---@class ntm.CriteriaSet
---@field id string "1980-xa"
---@field name string
---@field legal_basis string "Quyết định 1980/QĐ-TTg ngày 17/10/2016"
---@field grade "standard"|"advanced"|"model"
---@field valid_from integer first year
---@field valid_to integer last year
---@field criteria ntm.CriterionInfo[] in number order
---@field indicators table<string, ntm.IndicatorInfo> by id
---@field order string[] indicator ids in the set's order

---A criteria set as plain data: by id ("1980-xa", "318-xa-nang-cao") or by year (the national
---commune set of that year; `grade` "standard" by default, or "advanced").
---Thresholds depend on the commune: ask `x:threshold(id)`.
---@param id_or_year string|integer
---@param grade? "standard"|"advanced"|"model"
---@return ntm.CriteriaSet
function ntm.criteria(id_or_year, grade) end

---@class ntm.FindingSpec
---@field unit? Commune|District|Province|string the unit concerned (a handle or a unit code); omit for the whole province
---@field rule string short rule name, used to group findings ("nguy-co-mat-chuan")
---@field level? "error"|"warning"|"info" default "warning"
---@field message string what is wrong, in the user's words
---@field name? string unit name, when `unit` is a code
---@field district? string district name, when `unit` is a code

---Registers a finding: `ntm check` prints findings grouped by rule and by district and
---writes them to CSV/JSON. At most 100 000 per run.
---@param spec ntm.FindingSpec
function ntm.finding(spec) end

---@class ntm.NumberOptions
---@field decimals? integer digits after the decimal comma
---@field mode? "half-up"|"half-even"|"truncate" rounding (the reports use both rounding and truncation)
---@field trim? boolean drop trailing zeros ("40,00" → "40")
---@field sign? boolean percent only: append "%" (default true)
---@field unit? "trieu"|"ty" money only: million or billion VND
---@field suffix? boolean money only: append " triệu đồng" / " tỷ đồng" (default true)

---Vietnamese formatting: thousands with dots, decimals with a comma.
---@class ntm.fmt
ntm.fmt = {}

---`number(1986281)` → "1.986.281"; `number(11.7478, 2)` → "11,75".
---@param value number
---@param options? integer|ntm.NumberOptions decimals, or options
---@return string
function ntm.fmt.number(value, options) end

---`percent(55, 115, {decimals = 2, mode = "truncate"})` → "47,82%";
---`percent(47.826, 1)` → "47,8%". Default 2 decimals, half-up.
---@param part number
---@param whole_or_options? number|integer|ntm.NumberOptions
---@param options? integer|ntm.NumberOptions
---@return string
function ntm.fmt.percent(part, whole_or_options, options) end

---Money in million VND: `money(1986281)` → "1.986.281 triệu đồng";
---`money(1986281, {unit = "ty"})` → "1.986,28 tỷ đồng".
---@param amount number million VND
---@param options? ntm.NumberOptions
---@return string
function ntm.fmt.money(amount, options) end

---`date("2020-12-31")` or `date("31/12/2020")` → "ngày 31 tháng 12 năm 2020".
---@param date string
---@return string
function ntm.fmt.date(date) end

---Vietnamese order of two names (a ă â b c d đ e ê ...): true when `a` comes before `b`.
---Sort names with it: `table.sort(names, ntm.fmt.less)` puts "Điện Biên Đông" before
---"Mường Ảng", where the default `<` compares bytes and puts every "Đ" after "Z".
---@param a string
---@param b string
---@return boolean
function ntm.fmt.less(a, b) end

---Rounds on the decimal digits: `round(10.125, 2, "half-even")` → 10.12.
---@param value number
---@param decimals? integer
---@param mode? "half-up"|"half-even"|"truncate"
---@return number
function ntm.fmt.round(value, decimals, mode) end

---@class CommuneOptions
---@field year? integer the year (default: the latest year with data)
---@field tag? string only communes with this tag ("Đề án 29 xã biên giới")
---@field district? string only this district (name or code)
---@field set? string criteria set id (default: the national set of the year)

---@class Province
---@field code string official code ("11")
---@field name string "Điện Biên"
---@field name_with_type string "Tỉnh Điện Biên"
---@field region string NTM region code ("TDMNPB")
---@field kind "province"
local Province = {}

---Districts in code order.
---@return District[]
function Province:districts() end

---A district by name or code (accents optional); unknown names suggest the closest.
---@param name_or_code string
---@return District
function Province:district(name_or_code) end

---Rural communes (xã), iterable with `for x in p:communes{year = 2020} do`.
---@param options? CommuneOptions
---@return CommuneList
function Province:communes(options) end

---Tags used by the province's units.
---@return string[]
function Province:tags() end

---Years with indicator values or criterion statuses.
---@return integer[]
function Province:years() end

---@class District
---@field code string
---@field name string
---@field name_with_type string
---@field type string "huyen", "thi-xa", "thanh-pho"
---@field kind "district"
---@field province Province
---@field recognition? "standard"|"advanced"|"model"|"basic" highest grade recognised
local District = {}

---Rural communes of the district.
---@param options? CommuneOptions
---@return CommuneList
function District:communes(options) end

---A rural commune in one year. `x["17.3"]` is the value of indicator 17.3 (nil when missing).
---@class Commune
---@field code string official code ("03166")
---@field name string
---@field name_with_type string
---@field type string
---@field kind "commune"
---@field district string district name
---@field district_code string
---@field province string province name
---@field region string NTM region code
---@field extremely_difficult boolean xã đặc biệt khó khăn
---@field border boolean xã biên giới
---@field mountainous boolean
---@field flags {extremely_difficult: boolean, border: boolean, mountainous: boolean}
---@field tags string[]
---@field year? integer
---@field criteria_set? string
---@field recognition? "standard"|"advanced"|"model"|"basic" highest grade recognised
---@field [string] number|nil indicator value by id
local Commune = {}

---Whether criterion n is met: from the indicator values when the commune has any, else the
---assessed status.
---@param n integer
---@return boolean
function Commune:met(n) end

---Like met, plus where the answer came from.
---@param n integer
---@return boolean met
---@return "indicators"|"assessed"|"computed"|"none" source
function Commune:status(n) end

---The status the office assessed, or nil when none was recorded.
---@param n integer
---@return boolean|nil
function Commune:assessed(n) end

---Number of criteria met.
---@return integer
function Commune:count_met() end

---Indicator value by id (same as x["17.3"]); nil when missing.
---@param id string
---@return number|nil
function Commune:value(id) end

---The threshold that applies to this commune, or nil when the data has none.
---@param id string
---@return number|nil value
---@return string comparison
---@return boolean confirmed
---@return string source
function Commune:threshold(id) end

---@param tag string
---@return boolean
function Commune:has_tag(tag) end

---Year the commune was recognised at this grade, or nil.
---@param grade "standard"|"advanced"|"model"|"basic"
---@return integer|nil
function Commune:recognised(grade) end

---An array of communes that can be iterated directly: `for x in list do ... end`.
---@class CommuneList: Commune[]
local CommuneList = {}

---@return integer
function CommuneList:count() end

---Communes not meeting criterion n.
---@param n integer
---@return CommuneList
function CommuneList:missing(n) end

---Communes meeting criterion n.
---@param n integer
---@return CommuneList
function CommuneList:meeting(n) end

---Communes for which fn returns true.
---@param fn fun(x: Commune): boolean
---@return CommuneList
function CommuneList:filter(fn) end

---@return string[]
function CommuneList:names() end

---@return string[]
function CommuneList:codes() end

-- ---------------------------------------------------------------------------------------
-- Allocation (ntm.allocate). src/lua/bind_allocate.cpp; engine in src/model/allocate.h.

---A recipient given as a plain table. Its own fields are used when the spec does not give
---the same option.
---@class AllocationRecipient
---@field code string unit code (unique; ties are broken by code)
---@field name? string shown in the plan (default: the code)
---@field district? string district name (needed with by_district)
---@field weight? number
---@field floor? integer
---@field cap? integer
---@field fixed? integer
---@field group? string
---@field coefficient? number
---@field counterpart_ratio? number

---An amount taken from the total before the split. Give exactly one of amount and share.
---@class AllocationSetAside
---@field name string "Dự phòng", "Thưởng"
---@field amount? integer million VND, a multiple of the step
---@field share? number fraction of the total in [0, 1], rounded half-up to the step

---What ntm.allocate takes. Each per-recipient option (weight, floor, cap, fixed, group,
---coefficient, counterpart_ratio) is a constant, a function called with each recipient
---(`function(x) ... end`, x being the Commune handle or the plain table), or a table keyed by
---unit code. A weight function may return a second value `{group = "...", coefficient = 1.5}`
---that labels the line (the spec's own group/coefficient apply when it gives none). A weight
---that is negative, NaN or not a number is an error naming the recipient and the value.
---@class AllocationSpec
---@field total integer million VND, >= 0, a multiple of step
---@field among CommuneList|Commune[]|AllocationRecipient[] the recipients (not empty); alias `recipients`
---@field weight? number|table<string, number>|fun(x: Commune|AllocationRecipient): number, {group?: string, coefficient?: number}? default: the recipient's own weight, else 1
---@field floor? integer|table<string, integer>|fun(x): integer? least the recipient receives in all; alias `min`
---@field cap? integer|table<string, integer>|fun(x): integer? most the recipient receives in all; alias `max`
---@field fixed? integer|table<string, integer>|fun(x): integer? part given first, outside the weighted split
---@field group? string|fun(x): string? label shown in the explanation ("Nhóm 2")
---@field coefficient? number|fun(x): number? shown in the explanation only
---@field counterpart_ratio? number|fun(x): number? vốn đối ứng as a fraction of the amount (reported beside it, not in the total)
---@field step? integer rounding step (default 1)
---@field set_asides? AllocationSetAside[] taken first, in order
---@field by_district? boolean split among districts first, then among each district's recipients

---One line of a plan: how much one recipient receives and why.
---@class AllocationLine
---@field code string
---@field name string
---@field district string
---@field group? string
---@field coefficient? number
---@field weight number
---@field share number exact weighted share before rounding, after floors and caps
---@field proportional number pool × weight / Σ weights, before floors and caps
---@field fixed integer
---@field weighted integer the weighted part (a multiple of the step)
---@field amount integer fixed + weighted: what the recipient receives
---@field floor_applied boolean
---@field cap_applied boolean
---@field rounding_adjustment integer 0, or +step for the largest remainders
---@field counterpart_ratio? number
---@field counterpart? integer amount × ratio, rounded half-up
---@field explanation string "Nhóm 2 (hệ số 1,5); tỷ trọng 3,21% của 460.300 → 14.776,2; làm tròn theo bước 1: +1; = 14.777"
---@field details table<string, any> the explanation, structured (group, weight, share, floor_applied, ...)
---@field unit Commune|AllocationRecipient the recipient as given

---Totals of one district's recipients.
---@class AllocationDistrict
---@field district string
---@field recipients integer
---@field weight number
---@field share number
---@field fixed integer
---@field weighted integer
---@field amount integer
---@field counterpart integer

---@class AllocationSetAsideLine
---@field name string
---@field share? number
---@field amount integer

---The plan ntm.allocate returns: set_aside_total + Σ lines[i].amount == total, always.
---@class AllocationPlan
---@field total integer
---@field step integer
---@field pool integer the part split by weight: total − set-asides − fixed parts
---@field set_aside_total integer
---@field fixed_total integer
---@field counterpart_total integer
---@field set_asides AllocationSetAsideLine[]
---@field lines AllocationLine[] sorted by code
---@field districts AllocationDistrict[] sorted by district name
---@field by_district table<string, AllocationDistrict> the same, keyed by district name

---Splits `total` (million VND) among recipients by weight: set-asides first, then fixed
---parts, then the weighted split with floors, caps and largest-remainder rounding to the
---step, optionally in two levels (province → districts → communes). The result adds up
---exactly to the total and does not depend on the order of the recipients. Bad input (a
---negative or non-integer total, a bad weight, floors above or caps below the total, an
---empty list) is an error in Vietnamese naming the recipient and the value.
---The last plan a script makes is the one `ntm allocate FORMULA` prints and saves.
---@param spec AllocationSpec
---@return AllocationPlan
function ntm.allocate(spec) end

-- ntm.report: the document a report layout builds (scripts/reports/*.lua) and returns.
-- `ntm report LAYOUT --province P --year Y -o bc.docx -o bieu.xlsx -o bc.html` writes it.

---@class ntm.report
ntm.report = {}

---@class ntm.report.DocumentSpec
---@field issuer? string|string[] issuing bodies, top first: {"UBND TỈNH ĐIỆN BIÊN", "BAN CHỈ ĐẠO CÁC CTMTQG"}
---@field number? string "123/BC-BCĐ" (printed "Số: 123/BC-BCĐ")
---@field place? string "Điện Biên"
---@field date? string "2020-12-31" or "31/12/2020"; other text is printed as it is
---@field kind? string document kind, default "BÁO CÁO"
---@field title? string the summary line (trích yếu)

---A new document in the official layout (Nghị định 30/2020/NĐ-CP). A layout returns it:
---`return doc`. Unknown fields are an error.
---@param spec? ntm.report.DocumentSpec
---@return Document
function ntm.report.document(spec) end

---A piece of paragraph text: a string, an integer, or a table
---`{bold = "21 xã"}`, `{italic = "…"}`, `{footnote = "…"}` (a footnote mark with its text),
---`{text = "…", bold = true, italic = true, footnote = "…"}` or `{"…", bold = true}`.
---Decimal numbers are refused: format them with ntm.fmt.
---@alias ntm.report.Run string|integer|{text?: string, [1]?: string, bold?: string|boolean, italic?: string|boolean, footnote?: string}

---A body cell: text, an integer, a decimal (table `decimals`/`mode`), `false` or nil for
---an empty cell, or `{value=, kind=, decimals=, mode=}` / `{text=}` with `bold`, `align`
---("auto"|"left"|"center"|"right") and `colspan`.
---@alias ntm.report.Cell string|number|false|{value?: number, text?: string, kind?: "integer"|"decimal"|"percent"|"money", decimals?: integer, mode?: "half-up"|"half-even"|"truncate", bold?: boolean, align?: string, colspan?: integer}

---A header cell: text or `{"Số xã đạt", colspan = 2}` / `{"TT", rowspan = 2}` (spans as in HTML).
---@alias ntm.report.HeaderCell string|{text?: string, [1]?: string, rowspan?: integer, colspan?: integer}

---@class ntm.report.TableSpec
---@field title? string "Biểu 01. …"
---@field unit? string "Đơn vị: triệu đồng"
---@field header? ntm.report.HeaderCell[]|ntm.report.HeaderCell[][] one row, or rows top first
---@field rows ntm.report.Cell[][]
---@field totals? ntm.report.Cell[] printed bold
---@field widths? number[] one per column (Excel character units)
---@field decimals? integer for plain decimal cells (default 2)
---@field mode? "half-up"|"half-even"|"truncate" for plain decimal cells

---@class ntm.report.ChartSeries
---@field name string
---@field values number[] one per category

---@class ntm.report.ChartSpec
---@field kind? "column"|"bar" default "column"
---@field stacked? boolean
---@field title? string
---@field categories string[]
---@field series ntm.report.ChartSeries[]
---@field decimals? integer for value labels
---@field value_axis? string axis title ("Số xã")

---A report document (userdata of type ntm.Document). Methods check their arguments and
---name the method and the bad value in Vietnamese; a table or chart is checked at once.
---@class Document
local Document = {}

---A heading of level 1..4; the numbering is part of the text. Extra arguments format the
---text like string.format: `doc:heading(2, "%s. KẾT QUẢ", "II")`.
---@param level integer
---@param text string
---@param ... any
function Document:heading(level, text, ...) end

---A paragraph: `doc:paragraph("Có %d xã đạt chuẩn, đạt %s.", n, ntm.fmt.percent(n, total))`
---(string.format semantics when arguments follow; without them the text is taken as it is,
---so "100%" needs no escaping), or runs: `doc:paragraph{"Có ", {bold = "21 xã"}, " …",
---{footnote = "…"}, align = "center"}` (align: "left"|"center"|"right"|"justify").
---@param text string|(ntm.report.Run[]|{align?: string})
---@param ... any
function Document:paragraph(text, ...) end

---A list: `doc:list{numbered = true, items = {"…", {level = 1, "…", {bold = "…"}}}}`;
---an item is a string or runs with an optional `level` (0..3).
---@param spec {numbered?: boolean, items: (string|ntm.report.Run[])[]}
function Document:list(spec) end

---One "-" item, joined to the list just before it when that list is not numbered:
---`doc:bullet("Giao thông: %d/%d xã", 55, 115)` or `doc:bullet{level = 1, "…"}`.
---@param text string|ntm.report.Run[]
---@param ... any
function Document:bullet(text, ...) end

---An annex table with a merged header: `header = {{{"TT", rowspan = 2}, {"Số xã đạt",
---colspan = 2}}, {"Số lượng", "Tỷ lệ (%)"}}`. Rows must span as many columns as the header.
---@param spec ntm.report.TableSpec
function Document:table(spec) end

---A bar chart (column or bar, clustered or stacked).
---@param spec ntm.report.ChartSpec
function Document:chart(spec) end

---Starts a new page (docx, html print).
function Document:page_break() end

---The closing block: recipients ("Nơi nhận:"), signer's role lines and name.
---@param spec {recipients?: string|string[], role?: string|string[], name?: string}
function Document:sign_off(spec) end

---Helpers that exist only in files run by `ntm test DIR` (`*_test.lua`, `test_*.lua`).
---@class test
test = {}

---Runs another script (a path relative to the test file's folder, or to its parent) in the
---same sandbox with `params` as its command-line parameters; returns what the script
---returned and the findings it made (`{unit, rule, level, message}` each). An error in the
---script is raised here, so `pcall(test.run, ...)` tests failures.
---@param script string
---@param params? table<string, any>
---@return any result
---@return {unit: string, rule: string, level: string, message: string}[] findings
function test.run(script, params) end
