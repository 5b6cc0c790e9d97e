/* ka_functions.c - the function table: the single source of truth for names,
 * arguments, defaults and help (see ka_functions.h). */
#include "ka_functions.h"

#include <string.h>

#define VALUES_HELP                                                                                \
    "The values of all clients (a column or row); empty and text cells are skipped, values <= 0 "  \
    "count as no sales."
#define SERIES_HELP                                                                                \
    "Period amounts of a client, one row (e.g. 12 months; empty cells count as 0). Several rows "  \
    "give one result per row."
#define GROUPS_HELP                                                                                \
    "Optional. The group of every client (region, department, manager, product line), a range "    \
    "aligned with Values: each client is then placed among the clients of its own group only. "    \
    "Labels compare as Calc shows them (the number 1 and the text \"1\" are one group, \"North\" " \
    "and \"north\" two); an empty cell is the group \"\"."
#define GROUP_HELP                                                                                 \
    "Optional. The group of Value (one label, e.g. the client's cell in the region column); left " \
    "out, each cell of a Value range takes the group of the same row of Groups."
#define GROUPS_SUMMARY                                                                             \
    " With Groups, within the client's group: {=ABCCLASS(B2:B500;B2:B500;;;;C2:C500)} with "       \
    "regions in C classes each client among its region's clients, as does "                        \
    "=ABCCLASS(B2;B$2:B$500;;;;C$2:C$500;C2) filled down."
#define GROUPS_ERRORS                                                                              \
    " With Groups: Err:502 if Groups and Values differ in length, a Value range and Groups "       \
    "differ "                                                                                      \
    "in length without Group, Group is more than one cell, or Group is given without Groups"
#define FREQ_HELP "Frequency x: number of repeat purchases (integer >= 0), or a range of them."
#define REC_HELP "Recency t_x: time from first to last purchase (0 when x = 0), or a range."
#define AGE_HELP "Age T: time from first purchase to the end of observation (T >= t_x), or a range."
#define PARAMS_HELP                                                                                \
    "The 5 cells of BGNBDFIT's row 1 (r; alpha; a; b; log-likelihood; Pareto/NBD: r; alpha; s; "   \
    "beta; log-likelihood), its first 4 cells, or its whole 2-row result (row 1 is read)."
#define MODEL_HELP                                                                                 \
    "Optional. 0 (default) BG/NBD, 1 MBG/NBD, 2 Pareto/NBD: the model Params come from "           \
    "(BGNBDFIT's Model)."

const ka_func_info ka_functions[] = {
    {"ABCCLASS",
     "Pareto (ABC) class of a client by its contribution to the total of the positive Values: "
     "A, B or C. Clients with equal values get the same class; a value <= 0 is C. Array form: a "
     "range as Value classifies every client in one formula (empty or text cells give "
     "\"\")." GROUPS_SUMMARY,
     "Err:502 if LimitA or LimitB is outside 0 < LimitA < LimitB <= 1, or Rule is not 0 or "
     "1." GROUPS_ERRORS ".",
     "=ABCCLASS(85;{85;10;5}) returns \"A\"; =ABCCLASS(85;{85;10;5};;;1) returns \"B\"; "
     "=ABCCLASS(6;{85;10;5;6;3;1};;;;{\"N\";\"N\";\"N\";\"S\";\"S\";\"S\"};\"S\") returns \"A\" "
     "(region S alone; "
     "B among all six).",
     KA_ARGS(
         {"Value", KA_ARG_VALUE, "The client's value (e.g. annual sales), or a range of values."},
         {"Values", KA_ARG_NUMBERS, VALUES_HELP},
         {"LimitA", KA_ARG_OPTIONAL,
          "Optional. Cumulative share that closes class A; default 0.8."},
         {"LimitB", KA_ARG_OPTIONAL,
          "Optional. Cumulative share that closes class B; default 0.95."},
         {"Rule", KA_ARG_OPTIONAL,
          "Optional. 0 (default): the client crossing a limit is in the upper class; 1: inclusive "
          "(share up to and including the client must be within the limit)."},
         {"Groups", KA_ARG_OPTIONAL, GROUPS_HELP}, {"Group", KA_ARG_OPTIONAL, GROUP_HELP})},
    {"PARETOSHARE",
     "Cumulative share of the total held by all clients with a value >= Value (the Pareto curve). "
     "A Value <= 0 gives 1. Array form: a range as Value. With Groups, the share of the client's "
     "group held by the clients of that group with a value >= Value.",
     "Err:502 if Values holds no positive value (with Groups: the group of a client with a "
     "number)." GROUPS_ERRORS ".",
     "=PARETOSHARE(20;{40;20;20;10;10}) returns 0.8; "
     "=PARETOSHARE(3;{85;10;5;6;3;1};{\"N\";\"N\";\"N\";\"S\";\"S\";\"S\"};\"S\") returns 0.9.",
     KA_ARGS({"Value", KA_ARG_VALUE, "The client's value, or a range of values."},
             {"Values", KA_ARG_NUMBERS, VALUES_HELP}, {"Groups", KA_ARG_OPTIONAL, GROUPS_HELP},
             {"Group", KA_ARG_OPTIONAL, GROUP_HELP})},
    {"SALESSHARE",
     "Share of the client in the total of the positive Values: Value / total. A negative Value "
     "gives a negative share. Array form: a range as Value. With Groups, the share in the total "
     "of the client's group.",
     "Err:502 if Values holds no positive value (total 0; with Groups: the group of a client "
     "with a number)." GROUPS_ERRORS ".",
     "=SALESSHARE(10;{40;20;20;10;10}) returns 0.1; "
     "=SALESSHARE(6;{85;10;5;6;3;1};{\"N\";\"N\";\"N\";\"S\";\"S\";\"S\"};\"S\") returns 0.6.",
     KA_ARGS({"Value", KA_ARG_VALUE, "The client's value, or a range of values."},
             {"Values", KA_ARG_NUMBERS, VALUES_HELP}, {"Groups", KA_ARG_OPTIONAL, GROUPS_HELP},
             {"Group", KA_ARG_OPTIONAL, GROUP_HELP})},
    {"DEPENDENCY",
     "How much the company depends on this client, from its sales share s: \"critical\" (s > 0.5), "
     "\"high\" (s > 0.4), \"elevated\" (s > 0.2), \"key\" (s >= 0.1), else \"\". Array form: a "
     "range as Value. With Groups, how much the client's group (its region, its manager) depends "
     "on it: s is its share in the group's total.",
     "Err:502 if Values holds no positive value (with Groups: the group of a client with a "
     "number), or Limits is not four ascending numbers." GROUPS_ERRORS ".",
     "=DEPENDENCY(45;{45;30;25}) returns \"high\"; "
     "=DEPENDENCY(6;{85;10;5;6;3;1};;{\"N\";\"N\";\"N\";\"S\";\"S\";\"S\"};\"S\") returns "
     "\"critical\".",
     KA_ARGS({"Value", KA_ARG_VALUE, "The client's value, or a range of values."},
             {"Values", KA_ARG_NUMBERS, VALUES_HELP},
             {"Limits", KA_ARG_OPTIONAL,
              "Optional. Four ascending shares replacing 0.1; 0.2; 0.4; 0.5 (key, elevated, high, "
              "critical)."},
             {"Groups", KA_ARG_OPTIONAL, GROUPS_HELP}, {"Group", KA_ARG_OPTIONAL, GROUP_HELP})},
    {"CONCENTRATION",
     "Concentration of the customer base over the positive Values: \"HHI\" (sum of squared "
     "shares, 0..1), \"HHINORM\" (normalised HHI, 0 for equal clients), \"N\" (1/HHI, equivalent "
     "number of equal clients), \"GINI\" (Gini coefficient), \"TOP20\" (share of the largest 20% "
     "of clients). With Groups, the measure over the clients of the group Group names; a range "
     "of labels as Group gives one value per label (array form), e.g. "
     "{=CONCENTRATION(B2:B500;;C2:C500;E2:E6)} with regions in C and the region names in E2:E6.",
     "Err:502 for an unknown Measure or when Values holds no positive value (with Groups: a "
     "group of Group holds none, also a label no client has); with Groups, if Groups and Values "
     "differ in length or Group is left out; Err:502 for Group without Groups.",
     "=CONCENTRATION({50;30;20}) returns 0.38; =CONCENTRATION({50;30;20};\"N\") returns 2.6316; "
     "=CONCENTRATION({85;10;5;6;3;1};;{\"N\";\"N\";\"N\";\"S\";\"S\";\"S\"};\"S\") returns 0.46.",
     KA_ARGS({"Values", KA_ARG_NUMBERS, VALUES_HELP},
             {"Measure", KA_ARG_OPTIONAL,
              "Optional. Text, case-insensitive: HHI (default), HHINORM, N, GINI or TOP20."},
             {"Groups", KA_ARG_OPTIONAL, GROUPS_HELP},
             {"Group", KA_ARG_OPTIONAL,
              "Optional. Needed with Groups: the group to measure (a label), or a range of "
              "labels for one value per label."})},
    {"XYZCLASS",
     "Stability class of a client's purchases from the coefficient of variation cv = standard "
     "deviation / mean of the row: X if cv <= LimitX, Y if cv <= LimitY, else Z; a row whose mean "
     "is <= 0 is Z. A range of several rows gives one class per row (a row with no value at all "
     "gives \"\").",
     "Err:502 if a row has fewer than 3 periods or holds text, if the limits are not "
     "0 < LimitX < LimitY, or Deviation is not 0 or 1.",
     "=XYZCLASS({100;100;100;100}) returns \"X\".",
     KA_ARGS({"Series", KA_ARG_CELLS, SERIES_HELP},
             {"LimitX", KA_ARG_OPTIONAL, "Optional. Largest cv of class X; default 0.10."},
             {"LimitY", KA_ARG_OPTIONAL, "Optional. Largest cv of class Y; default 0.25."},
             {"Deviation", KA_ARG_OPTIONAL,
              "Optional. 0 (default): population standard deviation (divide by n); 1: sample (n - "
              "1)."})},
    {"XYZCOEF",
     "Coefficient of variation (standard deviation / mean) of a client's period amounts, as used "
     "by XYZCLASS. A range of several rows gives one coefficient per row (a row with no value at "
     "all gives \"\").",
     "Err:502 if a row has fewer than 3 periods, holds text, or its mean is <= 0, or Deviation is "
     "not 0 or 1.",
     "=XYZCOEF({90;110;90;110}) returns 0.1.",
     KA_ARGS({"Series", KA_ARG_CELLS, SERIES_HELP},
             {"Deviation", KA_ARG_OPTIONAL,
              "Optional. 0 (default): population standard deviation (divide by n); 1: sample (n - "
              "1)."})},
    {"ABCXYZ",
     "ABC class followed by XYZ class (\"AX\" .. \"CZ\") with default limits and rules. Array "
     "form: a range as Value and a Series with the same number of rows. With Groups, the ABC "
     "class within the client's group (XYZ is the client's own).",
     "Err:502 as ABCCLASS and XYZCLASS, or if Value and Series have different numbers of rows.",
     "=ABCXYZ(85;{85;10;5};{100;100;100}) returns \"AX\"; "
     "=ABCXYZ(6;{85;10;5;6;3;1};{100;100;100};{\"N\";\"N\";\"N\";\"S\";\"S\";\"S\"};\"S\") returns "
     "\"AX\".",
     KA_ARGS({"Value", KA_ARG_VALUE, "The client's value, or a range of values."},
             {"Values", KA_ARG_NUMBERS, VALUES_HELP}, {"Series", KA_ARG_CELLS, SERIES_HELP},
             {"Groups", KA_ARG_OPTIONAL, GROUPS_HELP}, {"Group", KA_ARG_OPTIONAL, GROUP_HELP})},
    {"PURCHASESUMMARY",
     "From an order log (client, date) to each client's Frequency (distinct purchase days - 1), "
     "Recency (last - first purchase) and Age (AsOf - first purchase): one row of three numbers "
     "per client in ClientIds, as an array formula. Purchases on the same day count once; later "
     "transactions are ignored; a client without transactions gives empty cells. With Amounts, "
     "a fourth column Monetary: the amounts of a day are summed, and Monetary is the mean of the "
     "day totals after the first purchase day (0 when Frequency is 0), as lifetimes computes "
     "it; negative and zero amounts are kept.",
     "Err:502 if TxClients and TxDates differ in length, a date is not a number or out of range, "
     "AsOf is not a date, or Unit <= 0; with Amounts, if Amounts differs in length from TxDates "
     "or an order line with a client has an empty or non-number amount.",
     "=INDEX(PURCHASESUMMARY(1;{1;1;1};{35431;35448;35644};;7;{29.33;29.73;14.96});1;4) "
     "returns 22.345 (Monetary); {=PURCHASESUMMARY(A2:A100;D2:D5000;E2:E5000;DATE(1997;9;30);7)} "
     "gives weeks.",
     KA_ARGS(
         {"ClientIds", KA_ARG_CELLS, "The clients to summarise (a column of ids)."},
         {"TxClients", KA_ARG_CELLS, "Client id of every order line of the log."},
         {"TxDates", KA_ARG_CELLS, "Date of every order line (same length as TxClients)."},
         {"AsOf", KA_ARG_OPTIONAL,
          "Optional. End of the observation period; default the latest date in TxDates."},
         {"Unit", KA_ARG_OPTIONAL, "Optional. Days per time unit: 1 (default) days, 7 weeks."},
         {"Amounts", KA_ARG_OPTIONAL,
          "Optional. Amount of every order line (same length as TxDates; a number on every line "
          "with a client): adds the Monetary column."})},
    {"PURCHASECOUNT",
     "Number of distinct purchase days of each client with From < date <= To (by calendar day), "
     "one column, one row per client in ClientIds: the holdout count of a calibration/holdout "
     "check, or the purchases of a month. A client with transactions but none in the window "
     "gives 0; a client without any transaction in the log gives an empty cell.",
     "Err:502 if TxClients and TxDates differ in length, a date is not a number or out of range, "
     "From or To is not a date, or From is after To.",
     "=PURCHASECOUNT(1;{1;1;1;1};{35431;35448;35644;35776};DATE(1997;1;1);DATE(1997;12;31)) "
     "returns 3.",
     KA_ARGS({"ClientIds", KA_ARG_CELLS, "The clients to count (a column of ids)."},
             {"TxClients", KA_ARG_CELLS, "Client id of every order line of the log."},
             {"TxDates", KA_ARG_CELLS, "Date of every order line (same length as TxClients)."},
             {"From", KA_ARG_VALUE, "Start of the window: purchases after this day count."},
             {"To", KA_ARG_VALUE, "End of the window: purchases up to this day count."})},
    {"BGNBDFIT",
     "Maximum-likelihood fit of the BG/NBD model (Fader, Hardie & Lee 2005), MBG/NBD or "
     "Pareto/NBD over all clients: a 2 x 5 array, row 1 r; alpha; a; b; log-likelihood "
     "(Pareto/NBD: r; alpha; s; beta; log-likelihood), row 2 the standard error of each "
     "parameter (from the observed information at the maximum) and \"\" under the "
     "log-likelihood. Select 1 x 5 cells for the parameters only. Rows empty in all three ranges "
     "are skipped.",
     "Err:502 for an invalid row (negative, t_x > T, non-integer x, x = 0 with t_x > 0: fix "
     "that client's row) or ranges of different lengths; Err:523 when the likelihood has no "
     "finite maximum (e.g. nobody ever repurchased). Standard errors that do not exist (the "
     "information matrix is not positive definite) are \"\".",
     "{=BGNBDFIT(B2:B2358;C2:C2358;D2:D2358)} on CDNOW gives 0.2426; 4.4135; 0.7929; 2.4258; "
     "-9582.43 and below them 0.0126; 0.3782; 0.1857; 0.7053.",
     KA_ARGS({"Frequency", KA_ARG_CELLS, "Repeat purchases of every client (integers >= 0)."},
             {"Recency", KA_ARG_CELLS, "Recency of every client (0 when Frequency is 0)."},
             {"Age", KA_ARG_CELLS, "Age of every client (>= Recency)."},
             {"Model", KA_ARG_OPTIONAL, "Optional. 0 (default) BG/NBD, 1 MBG/NBD, 2 Pareto/NBD."})},
    {"CHURNRISK",
     "Risk that the client has lapsed: 1 - P(alive | x, t_x, T) under the model in Params. "
     "Without Params the ranges are fitted first (model per Model) and the result is the array "
     "of risks of every client. Array form: ranges as Frequency, Recency and Age (rows empty in "
     "all three give \"\").",
     "Err:502 for an invalid client (negative, t_x > T, non-integer x, x = 0 with t_x > 0: fix "
     "that row), invalid Params, ranges of different sizes, or a single client without Params; "
     "Err:523 when the fit without Params has no finite maximum, or when the Pareto/NBD series "
     "does not converge (alpha and beta too far apart for the client's history).",
     "=1-CHURNRISK(2;30.43;38.86;{0.2426;4.4135;0.7929;2.4258}) returns 0.7266.",
     KA_ARGS({"Frequency", KA_ARG_VALUE, FREQ_HELP}, {"Recency", KA_ARG_VALUE, REC_HELP},
             {"Age", KA_ARG_VALUE, AGE_HELP},
             {"Params", KA_ARG_OPTIONAL,
              "Optional. The 5 cells of BGNBDFIT's row 1 (r; alpha; a; b; log-likelihood; "
              "Pareto/NBD: r; alpha; s; beta; log-likelihood), its first 4 cells, or its whole "
              "2-row result (row 1 is read). Omitted: fit the ranges."},
             {"Model", KA_ARG_OPTIONAL, MODEL_HELP})},
    {"EXPECTEDPURCHASES",
     "Expected number of purchases of the client in the next Horizon time units (conditional "
     "BG/NBD, MBG/NBD or Pareto/NBD expectation). Array form: ranges as "
     "Frequency, Recency and Age (rows empty in all three give \"\").",
     "Err:502 for an invalid client (see BGNBDFIT), a negative Horizon, invalid Params or ranges "
     "of different sizes; Err:523 if the series does not converge (Horizon far beyond Age; "
     "Pareto/NBD: alpha and beta too far apart for the client's history).",
     "=EXPECTEDPURCHASES(39;2;30.43;38.86;{0.2426;4.4135;0.7929;2.4258}) returns 1.226.",
     KA_ARGS({"Horizon", KA_ARG_VALUE, "Length of the forecast period, in the unit of Age."},
             {"Frequency", KA_ARG_VALUE, FREQ_HELP}, {"Recency", KA_ARG_VALUE, REC_HELP},
             {"Age", KA_ARG_VALUE, AGE_HELP}, {"Params", KA_ARG_NUMBERS, PARAMS_HELP},
             {"Model", KA_ARG_OPTIONAL, MODEL_HELP})},
    {"DOSSIER",
     "One field of the client's profile stored in this document (Key accounts sidebar), e.g. "
     "\"manager\", \"type\", \"next_review\"; see docs/dossier-format.md for every field. A field "
     "that is not set gives \"\"; a client without a profile gives IfMissing when it is given. "
     "Choice fields give their stored codes, the same in every "
     "language: \"type\" one or more of breadwinner, perspective, image-maker, expert, innovator, "
     "demanding (joined by \", \"); \"stage\" butterfly or partnership; \"need\", \"solvency\" "
     "and \"authority\" yes, no or unknown; \"overdue\" review, satisfaction and/or no-check-yet.",
     "Err:502 for an unknown field name, or a client without a profile when IfMissing is "
     "omitted; a damaged profile gives Err:502 for every field, with or without IfMissing.",
     "=DOSSIER(\"K0009\";\"manager\";\"-\") returns \"-\" for a client without a profile; "
     "=DOSSIER(A2;\"manager\") gives the account manager of the client in A2.",
     KA_ARGS({"Document", KA_ARG_CALLER, "The calling document (supplied by Calc)."},
             {"Client", KA_ARG_VALUE, "The client id (or exact name), or a range of them."},
             /* test_functions.c checks the list against the dossier's field table */
             {"Field", KA_ARG_TEXT,
              "Name of the field: id, name, industry, employees, website, address, description, "
              "history_text, type, stage, need, solvency, authority, manager, next_review, "
              "opportunities, client_gains, our_gains, their_clients_gain, values, goals; "
              "computed: people, decision_maker, competitors, last_contact, last_satisfaction, "
              "satisfaction, overdue."},
             {"IfMissing", KA_ARG_OPTIONAL,
              "Optional. The value for a client without a profile, e.g. \"\" to fill down a "
              "client list; omitted: Err:502."})},
    {"GAMMAGAMMAFIT",
     "Maximum-likelihood fit of the Gamma-Gamma spend model (Fader, Hardie & Lee 2005, \"RFM and "
     "CLV: using iso-value curves\") over the clients with Frequency > 0: a 2 x 4 array, row 1 "
     "p; q; v; log-likelihood, row 2 the standard error of each parameter (from the observed "
     "information at the maximum) and \"\" under the log-likelihood. Select 1 x 4 cells for "
     "the parameters only. Clients with Frequency 0 are skipped (their Monetary is not read), "
     "and so are rows empty in both ranges.",
     "Err:502 for a Frequency that is not an integer >= 0, a client with Frequency > 0 whose "
     "Monetary is not a number > 0 (fix that row), a row with Monetary but no Frequency, or "
     "ranges of different lengths; Err:523 when the likelihood has no finite maximum (no or one "
     "client with Frequency > 0, all of them alike). Standard errors that do not exist (the "
     "information matrix is not positive definite) are \"\".",
     "{=GAMMAGAMMAFIT(B2:B2358;E2:E2358)} on CDNOW gives 6.2496; 3.7442; 15.4435; -4055.92 and "
     "below them 1.19; 0.29; 4.16.",
     KA_ARGS({"Frequency", KA_ARG_CELLS, "Repeat purchases of every client (integers >= 0)."},
             {"Monetary", KA_ARG_CELLS,
              "Mean spend of each client's repeat purchases (> 0 when Frequency > 0)."})},
    {"EXPECTEDSPEND",
     "Expected spend per purchase of the client under the Gamma-Gamma model: p (v + x m) / "
     "(p x + q - 1) for Frequency x and Monetary m, the population mean v p / (q - 1) for "
     "Frequency 0. Array form: ranges as Frequency and Monetary (rows empty in both give \"\").",
     "Err:502 for an invalid client (see GAMMAGAMMAFIT), invalid GGParams (q <= 1 has no finite "
     "mean) or ranges of different sizes; Err:523 if the value overflows (q extremely close to "
     "1).",
     "=EXPECTEDSPEND(2;22.35;{6.2488;3.7446;15.4477}) returns 24.66.",
     KA_ARGS({"Frequency", KA_ARG_VALUE, FREQ_HELP},
             {"Monetary", KA_ARG_VALUE,
              "Mean spend of the repeat purchases (not read when Frequency is 0), or a range."},
             {"GGParams", KA_ARG_NUMBERS,
              "The 4 cells of GAMMAGAMMAFIT's row 1 (p; q; v; log-likelihood), 3 cells p; q; v, "
              "or its whole 2-row result (row 1 is read)."})},
    {"CLV",
     "Customer lifetime value over the next Months months: the sum over months i of Spend x "
     "(E[X(i u)] - E[X((i - 1) u)]) / (1 + MonthlyDiscount)^i, E[X(t)] the expected purchases "
     "in the next t time units (as EXPECTEDPURCHASES), u = UnitsPerMonth. Array form: ranges as "
     "Frequency, Recency and Age (rows empty in all three give \"\"), Spend one number or a "
     "range of the same size.",
     "Err:502 for an invalid client (see BGNBDFIT), invalid Params, a Spend that is not a number "
     ">= 0, Months not a whole number from 1 to 1200, MonthlyDiscount <= -1, UnitsPerMonth <= 0, "
     "a Model other than 0, 1 or 2, or ranges of different sizes; Err:523 if an expectation "
     "does not converge (the horizon far beyond Age; Pareto/NBD: alpha and beta too far apart "
     "for the client's history).",
     "=CLV(2;30.43;38.86;{0.2426;4.4135;0.7929;2.4258};24.66;12;0.01;4.345) returns 36.28. "
     "=CLV(2;30.43;38.86;{0.553;10.578;0.606;11.669};24.66;12;0.01;4.345;2) returns 43.08 "
     "(Pareto/NBD).",
     KA_ARGS(
         {"Frequency", KA_ARG_VALUE, FREQ_HELP}, {"Recency", KA_ARG_VALUE, REC_HELP},
         {"Age", KA_ARG_VALUE, AGE_HELP}, {"Params", KA_ARG_NUMBERS, PARAMS_HELP},
         {"Spend", KA_ARG_VALUE,
          "Expected spend per purchase (EXPECTEDSPEND), one number or a range aligned with "
          "Frequency."},
         {"Months", KA_ARG_OPTIONAL, "Optional. Number of months, 1 to 1200; default 12."},
         {"MonthlyDiscount", KA_ARG_OPTIONAL,
          "Optional. Discount rate per month (> -1); default 0.01."},
         {"UnitsPerMonth", KA_ARG_OPTIONAL,
          "Optional. Time units of Recency and Age per month (> 0): 30 (default) for days, 4.345 "
          "for weeks."},
         {"Model", KA_ARG_OPTIONAL, MODEL_HELP})},
    {"NOPURCHASEPROB",
     "Probability that the client makes no purchase in the next Horizon time units under the "
     "model in Params: 1 - P(alive) + P(alive) ((alpha + T) / (alpha + T + Horizon))^(r + x) "
     "for BG/NBD and MBG/NBD; for Pareto/NBD the likelihood of the history extended by Horizon "
     "without a purchase over that of the history (a client may also drop out before buying "
     "again); 1 for Horizon 0. Array form: ranges as Frequency, Recency and Age (rows empty in "
     "all three give \"\").",
     "Err:502 for an invalid client (see BGNBDFIT), a negative Horizon, invalid Params, a Model "
     "other than 0, 1 or 2, or ranges of different sizes; Err:523 if the Pareto/NBD series does "
     "not converge (alpha and beta too far apart for the client's history).",
     "=NOPURCHASEPROB(10;2;30.43;38.86;{0.2426;4.4135;0.7929;2.4258}) returns 0.7292. "
     "=NOPURCHASEPROB(10;2;30.43;38.86;{0.553;10.578;0.606;11.669};2) returns 0.6898 "
     "(Pareto/NBD).",
     KA_ARGS({"Horizon", KA_ARG_VALUE, "Length of the period, in the unit of Age (>= 0)."},
             {"Frequency", KA_ARG_VALUE, FREQ_HELP}, {"Recency", KA_ARG_VALUE, REC_HELP},
             {"Age", KA_ARG_VALUE, AGE_HELP}, {"Params", KA_ARG_NUMBERS, PARAMS_HELP},
             {"Model", KA_ARG_OPTIONAL, MODEL_HELP})},
    {"MIGRATION",
     "How clients moved between two periods' classes (ABC, XYZ, ABC-XYZ, dependency or any "
     "labels), as one labelled array: the first row and column hold the labels that occur in "
     "From or To, in ascending order of their text, then \"-\" for no class (an empty cell: a "
     "new or lost client); the top-left cell is empty. Each inner cell is the number of clients "
     "(or the sum of their Weights) that went from its row's label to its column's; the last row "
     "and column, \"Total\", hold the totals. Rows empty in both From and To are skipped. Enter "
     "it as an array formula over (labels + 2) x (labels + 2) cells.",
     "Err:502 if From and To (or Weights) differ in length, a client row has no number in "
     "Weights, or there are more than 1000 distinct labels.",
     "=INDEX(MIGRATION({\"A\";\"A\";\"B\"};{\"A\";\"B\";\"B\"});2;3) returns 1; "
     "=INDEX(MIGRATION({\"A\";\"A\";\"B\"};{\"A\";\"B\";\"\"});3;4) returns 1.",
     KA_ARGS(
         {"From", KA_ARG_CELLS, "The class of every client in the first period (a column)."},
         {"To", KA_ARG_CELLS, "The class of every client in the second period, aligned with From."},
         {"Weights", KA_ARG_OPTIONAL,
          "Optional. A number per client (e.g. its sales), aligned with From: sums instead "
          "of counts."})},
    {"PERIODTOTALS",
     "From the raw order log, one row per client in ClientIds and one column per period: the "
     "sum of Amounts (without Amounts: the number of distinct purchase days) in each of Periods "
     "consecutive periods, the first starting on the day Start. A month runs to the day before "
     "the same day of the next month, clamped to the month's end (from 31 Jan: 28 or 29 Feb, "
     "31 Mar, 30 Apr ...). Lines outside the periods are ignored; a client without purchases in "
     "a period gets 0 there; empty ClientIds cells give empty rows. The monthly series XYZCLASS "
     "needs, without a pivot table.",
     "Err:502 if TxClients, TxDates (and Amounts) differ in length, an order line with a client "
     "has no date (or no number in Amounts), a date is out of range, Start is not a date, "
     "Periods is not a whole number from 1 to 16384, or Length is not month, week, quarter, "
     "year or a whole number of days >= 1.",
     "=INDEX(PERIODTOTALS(1;{1;1;1};{35431;35448;35644};{10;20;5};DATE(1997;1;1);12);1;1) "
     "returns 30; =INDEX(PERIODTOTALS(1;{1;1;1};{35431;35448;35644};;DATE(1997;1;1);4;"
     "\"quarter\");1;3) returns 1.",
     KA_ARGS({"ClientIds", KA_ARG_CELLS, "The clients, one row each (a column of ids)."},
             {"TxClients", KA_ARG_CELLS, "Client id of every order line of the log."},
             {"TxDates", KA_ARG_CELLS, "Date of every order line (same length as TxClients)."},
             {"Amounts", KA_ARG_OPTIONAL,
              "Optional. Amount of every order line (same length as TxDates): sums of amounts; "
              "left empty "
              "(;;): numbers of distinct purchase days."},
             {"Start", KA_ARG_VALUE, "The first day of the first period (a date)."},
             {"Periods", KA_ARG_VALUE, "Number of periods (columns), a whole number 1 to 16384."},
             {"Length", KA_ARG_OPTIONAL,
              "Optional. \"month\" (default), \"week\", \"quarter\", \"year\", or a whole number "
              "of days."})},
    {"RFMSCORE",
     "The recency-frequency-monetary score as a three-digit number 100 R + 10 F + M (e.g. 545), "
     "each digit 1..Bins by quantile among all clients: digit = 1 + floor(Bins x (number of "
     "clients strictly worse) / n), worse meaning a larger SinceLast, a smaller Frequency, a "
     "smaller Monetary, so that equal values get equal digits. SinceLast is the time since the "
     "last purchase (smaller is better), NOT the BG/NBD Recency (first to last purchase). Array "
     "form: ranges as the three values are the population (rows empty in all three give \"\"); "
     "the single form takes the population as a 3-column range.",
     "Err:502 if SinceLast or Frequency is negative, a value is not a number, a row is partly "
     "empty, the ranges differ in size, Population does not have 3 columns, or Bins is not a "
     "whole number from 2 to 9.",
     "=RFMSCORE(10;5;500;5;{10;5;500|30;2;100|60;1;50|5;8;900|90;1;20}) returns 444.",
     KA_ARGS({"SinceLast", KA_ARG_VALUE,
              "Time since the client's last purchase (>= 0; not Recency), or a range."},
             {"Frequency", KA_ARG_VALUE, "Number of purchases (>= 0), or a range."},
             {"Monetary", KA_ARG_VALUE, "Spend (e.g. sales of the year), or a range."},
             {"Bins", KA_ARG_OPTIONAL, "Optional. Digits per letter, 2 to 9; default 5."},
             {"Population", KA_ARG_OPTIONAL,
              "Optional. All clients as 3 columns SinceLast, Frequency, Monetary; default the "
              "ranges themselves."})},
    {"RFMSEGMENT",
     "The named segment of an RFM score: champions, loyal, potential_loyalist, new, promising, "
     "need_attention, cannot_lose, at_risk, about_to_sleep, hibernating or lost, from the first "
     "matching rule of the table in docs/rfm.md; every one of the Bins^3 scores has one. The "
     "codes are language-neutral, like the ABC letters. With Frequency and Monetary, the first "
     "argument is SinceLast and the score is computed as RFMSCORE does. Array form: a range "
     "(empty cells give \"\").",
     "Err:502 if a score is not three digits of 1..Bins, Bins is not a whole number from 2 to 9, "
     "only one of Frequency and Monetary is given, or as RFMSCORE.",
     "=RFMSEGMENT(555) returns \"champions\"; =RFMSEGMENT(155) returns \"cannot_lose\"; "
     "=RFMSEGMENT(212;;;2) returns \"new\".",
     KA_ARGS(
         {"Score", KA_ARG_VALUE,
          "The score (RFMSCORE's result), or a range; with Frequency and Monetary: "
          "SinceLast, as in RFMSCORE."},
         {"Frequency", KA_ARG_OPTIONAL,
          "Optional. Number of purchases, as in RFMSCORE (then Score is SinceLast)."},
         {"Monetary", KA_ARG_OPTIONAL, "Optional. Spend, as in RFMSCORE."},
         {"Bins", KA_ARG_OPTIONAL, "Optional. Digits per letter of the score, 2 to 9; default 5."},
         {"Population", KA_ARG_OPTIONAL,
          "Optional. All clients as 3 columns SinceLast, Frequency, Monetary, as in "
          "RFMSCORE."})},
    {"PARETOCURVE",
     "The clients in descending order of value with their cumulative shares: the series behind a "
     "Pareto chart and a concentration curve. One row per client: the label (without Labels, the "
     "rank), the value, the cumulative share of the total of the positive values, and the "
     "cumulative share of the clients. Above MaxPoints clients, the MaxPoints / 2 largest come "
     "one by one, then the others in blocks of equal numbers of clients: such a row has the "
     "label \"35%\" (the clients up to the largest 35 %), the mean value of its block and the "
     "shares at its end, so a chart of 100,000 clients stays readable. A client is a row with a "
     "number in Values or a label in Labels (no number: no sales); values <= 0 come last. Enter "
     "it as an array formula over 4 columns and as many rows as clients (at most MaxPoints).",
     "Err:502 if Values holds no positive value, Labels and Values differ in size, or MaxPoints "
     "is not a whole number from 1 to 1048576.",
     "=INDEX(PARETOCURVE({10;40;20;30});2;3) returns 0.7 (the two largest clients hold 70 %); "
     "=INDEX(PARETOCURVE({10;40;20;30};{\"K1\";\"K2\";\"K3\";\"K4\"});1;1) returns \"K2\".",
     KA_ARGS({"Values", KA_ARG_CELLS,
              "The value of every client (e.g. annual sales), a column; empty and text cells "
              "are no client unless Labels names one there."},
             {"Labels", KA_ARG_OPTIONAL,
              "Optional. The client ids or names, aligned with Values: the first column of the "
              "result."},
             {"MaxPoints", KA_ARG_OPTIONAL,
              "Optional. Most rows of the result, 1 to 1048576; default 200."})},
};

const size_t ka_function_count = sizeof ka_functions / sizeof ka_functions[0];

const ka_func_info *ka_function_find(const char *name)
{
    for (size_t i = 0; i < ka_function_count; i++)
        if (strcmp(ka_functions[i].name, name) == 0)
            return &ka_functions[i];
    return NULL;
}

const char *ka_arg_kind_idl(ka_arg_kind kind)
{
    switch (kind) {
    case KA_ARG_NUMBERS:
        return "sequence< sequence< double > >";
    case KA_ARG_VALUE:
    case KA_ARG_CELLS:
        return "sequence< sequence< any > >";
    case KA_ARG_TEXT:
        return "string";
    case KA_ARG_CALLER:
        return "com::sun::star::beans::XPropertySet";
    case KA_ARG_OPTIONAL:
        break;
    }
    return "any";
}
