package io.usage4j.cli;

import io.usage4j.core.SourceCapabilities;
import io.usage4j.spi.ProviderProperty;
import io.usage4j.spi.UsageSourceProvider;
import io.usage4j.spi.UsageSources;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code providers}: the installed providers, their URL forms, capabilities and the properties and environment variables they read. */
@Command(name = "providers", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class, usageHelpAutoWidth = true,
        description = "Lists the installed providers: URL forms, capabilities, and the properties and environment variables they read.")
final class ProvidersCommand implements Callable<Integer> {

    @Mixin
    Verbosity verbosity;

    private final CliContext context;

    ProvidersCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        UsageSources registry = UsageSources.builder().environment(context.environment()).build();
        PrintWriter out = context.out();
        List<UsageSourceProvider> providers = registry.list();
        if (providers.isEmpty()) {
            out.println("No usage providers are installed: put provider jars (io.usage4j:provider-*) on the class path.");
        }
        for (UsageSourceProvider provider : providers) {
            out.println(provider.id() + " - " + provider.description());
            for (String form : provider.urlForms()) {
                out.println("  url:          " + form);
            }
            SourceCapabilities caps = provider.capabilities();
            out.println("  granularity:  " + caps.granularity().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            out.println("  requests:     " + window(caps));
            out.println("  filters:      " + (caps.pushedDownFilters().isEmpty() ? "all applied on the client"
                    : "applied by the API: " + caps.pushedDownFilters().stream().map(f -> f.name().toLowerCase(Locale.ROOT)).sorted().toList()
                            + "; the rest on the client"));
            caps.lookback().ifPresent(lookback -> out.println("  lookback:     " + lookback));
            if (!caps.extensionColumns().isEmpty()) {
                out.println("  x_ columns:   " + String.join(", ", caps.extensionColumns()));
            }
            caps.note().ifPresent(note -> out.println("  note:         " + note));
            out.println("  properties:");
            int width = provider.properties().stream().mapToInt(p -> p.name().length()).max().orElse(0);
            for (ProviderProperty property : provider.properties()) {
                String kind = property.secret() ? (property.required() ? "secret" : "secret, optional") : property.required() ? "required" : "optional";
                String env = property.environmentVariables().isEmpty() ? "" : " (env " + String.join(" / ", property.environmentVariables()) + ")";
                out.println("    " + property.name() + " ".repeat(width - property.name().length()) + "  " + kind + env
                        + " - " + property.description());
            }
            out.println();
        }
        for (String failure : registry.loadFailures()) {
            out.println("failed to load: " + failure);
        }
        out.flush();
        return registry.loadFailures().isEmpty() ? 0 : 1;
    }

    private static String window(SourceCapabilities caps) {
        int n = caps.windowSize();
        return switch (caps.windowUnit()) {
            case DAYS -> "up to " + n + " day" + (n == 1 ? "" : "s") + " per request";
            case CALENDAR_MONTHS -> "up to " + n + " calendar month" + (n == 1 ? "" : "s") + " per request";
            case CALENDAR_YEARS -> "up to " + n + " calendar year" + (n == 1 ? "" : "s") + " per request";
            case CURRENT_BILLING_PERIOD -> "the current billing period only (the API takes no dates)";
        };
    }
}
