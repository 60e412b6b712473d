package io.usage4j.cli.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cloudinary's Account Provisioning "Get billing usage":
 * {@code GET /v1_1/provisioning/accounts/{account_id}/billing_usage?year=YYYY&include_prodenv_breakdown=true}.
 * HTTP Basic auth. A monthly subscription whose cycles begin on the 21st and end, inclusive, on the 20th
 * of the next month; {@code year} selects the cycles that began in that year (default: the year the
 * current cycle began). The answer is a JSON array of plans: the account moved from "Pro PAYG" to
 * "Advanced PAYG" on {@link #PLAN_CHANGE}, so a year spanning that day lists two plans. Breakdown values
 * are credit contributions that add up to the cycle's {@code usage}; with
 * {@code include_prodenv_breakdown=true} each cycle also lists its product environments.
 */
final class CloudinaryApi {
    private static final Pattern PATH = Pattern.compile("/v1_1/provisioning/accounts/([^/]+)/billing_usage");
    static final LocalDate FIRST_CYCLE = LocalDate.of(2024, 1, 21);
    static final LocalDate PLAN_CHANGE = LocalDate.of(2026, 5, 21);
    static final int CYCLE_DAY = 21;

    record Plan(String name, int limit, List<String> keys) {}

    private static final List<String> BASE_KEYS = List.of("storage_image", "storage_video", "storage_raw",
            "transformations_image", "transformations_video", "bandwidth_image", "bandwidth_video", "bandwidth_raw");
    private static final List<String> ADVANCED_KEYS = List.of("storage_image", "storage_video", "storage_raw",
            "transformations_image", "transformations_video", "bandwidth_image", "bandwidth_video", "bandwidth_raw",
            "image_impressions", "video_seconds");
    static final Plan PRO = new Plan("Pro PAYG", 225, BASE_KEYS);
    static final Plan ADVANCED = new Plan("Advanced PAYG", 600, ADVANCED_KEYS);

    /** Credits per cycle each breakdown key contributes, before growth and variation. */
    private static final Map<String, Double> BASE_CREDITS = Map.of(
            "storage_image", 4.2, "storage_video", 1.1, "storage_raw", 0.05,
            "transformations_image", 38.5, "transformations_video", 6.2,
            "bandwidth_image", 142.0, "bandwidth_video", 61.5, "bandwidth_raw", 0.4,
            "image_impressions", 12.8, "video_seconds", 9.6);

    /** Product environments (cloud names) and their shares of the usage. */
    private static final Map<String, Double> ENVIRONMENTS = orderedMap("acme-production", 0.78, "acme-staging", 0.07,
            "acme-marketing", 0.15);

    private final Clock clock;

    CloudinaryApi(Clock clock) {
        this.clock = clock;
    }

    private static Map<String, Double> orderedMap(Object... pairs) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Double) pairs[i + 1]);
        }
        return map;
    }

    Response handle(Request request) {
        Matcher path = PATH.matcher(request.path());
        if (!path.matches()) {
            return error(404, "Not found");
        }
        if (request.header("Authorization").filter(a -> a.startsWith("Basic ") && a.length() > 6).isEmpty()) {
            return error(401, "Invalid credentials");
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate currentCycle = cycleStart(today);
        int year = currentCycle.getYear();
        if (request.param("year").isPresent()) {
            try {
                year = Integer.parseInt(request.param("year").get());
            } catch (NumberFormatException e) {
                return error(400, "year must be an integer");
            }
        }
        boolean environments = request.param("include_prodenv_breakdown").map("true"::equalsIgnoreCase).orElse(false);
        Map<Plan, ArrayNode> cyclesByPlan = new LinkedHashMap<>();
        for (LocalDate start = LocalDate.of(year, 1, CYCLE_DAY); start.getYear() == year && !start.isAfter(today);
                start = start.plusMonths(1)) {
            if (start.isBefore(FIRST_CYCLE)) {
                continue;
            }
            Plan plan = start.isBefore(PLAN_CHANGE) ? PRO : ADVANCED;
            cyclesByPlan.computeIfAbsent(plan, p -> Json.array()).add(cycle(start, plan, today, environments));
        }
        ArrayNode plans = Json.array();
        cyclesByPlan.forEach((plan, cycles) -> {
            ObjectNode entry = plans.addObject();
            entry.put("plan_name", plan.name());
            ObjectNode metric = entry.putArray("metric_usage").addObject();
            metric.put("metric", "credit");
            metric.put("limit", plan.limit());
            metric.set("cycles", cycles);
        });
        return Response.json(200, Json.write(plans));
    }

    static LocalDate cycleStart(LocalDate day) {
        LocalDate start = day.withDayOfMonth(CYCLE_DAY);
        return start.isAfter(day) ? start.minusMonths(1) : start;
    }

    private static ObjectNode cycle(LocalDate start, Plan plan, LocalDate today, boolean environments) {
        LocalDate end = start.plusMonths(1).minusDays(1);
        double elapsed = end.isAfter(today)
                ? (double) (ChronoUnit.DAYS.between(start, today) + 1) / (ChronoUnit.DAYS.between(start, end) + 1) : 1.0;
        double growth = 1 + 0.025 * ChronoUnit.MONTHS.between(FIRST_CYCLE, start);
        Random random = Noise.of("cloudinary", start);
        Map<String, BigDecimal> breakdown = new LinkedHashMap<>();
        BigDecimal usage = BigDecimal.ZERO;
        for (String key : plan.keys()) {
            BigDecimal credits = Noise.round(BASE_CREDITS.get(key) * growth * elapsed * (0.8 + 0.4 * random.nextDouble()), 2);
            breakdown.put(key, credits);
            usage = usage.add(credits);
        }
        ObjectNode cycle = Json.object();
        cycle.put("from_day", start.toString());
        cycle.put("to_day", end.toString());
        cycle.put("usage", usage);
        ObjectNode total = cycle.putObject("breakdown");
        breakdown.forEach(total::put);
        if (environments) {
            ArrayNode list = cycle.putArray("product_environment_breakdown");
            List<String> names = new ArrayList<>(ENVIRONMENTS.keySet());
            for (String name : names) {
                ObjectNode env = list.addObject();
                double share = ENVIRONMENTS.get(name);
                // rounded down, as an attribution never claims more than the account used: the environments'
                // sum stays at or under the account's value, and the rest is what no environment accounts for
                breakdown.forEach((key, credits) -> env.put(key,
                        BigDecimal.valueOf(credits.doubleValue() * share).setScale(2, RoundingMode.DOWN)));
                env.put("cloud_name", name);
            }
        }
        return cycle;
    }

    private static Response error(int status, String message) {
        ObjectNode body = Json.object();
        body.putObject("error").put("message", message);
        return Response.json(status, Json.write(body));
    }
}
