package homelabarr;

import io.helidon.common.config.ConfigFactory__ServiceDescriptor;
import io.helidon.common.mapper.DefaultMapperProvider__ServiceDescriptor;
import io.helidon.common.mapper.DefaultResolverService__ServiceDescriptor;
import io.helidon.common.mapper.MappersFactory__ServiceDescriptor;
import io.helidon.service.registry.GlobalServiceRegistry;
import io.helidon.service.registry.ServiceRegistryConfig;
import io.helidon.service.registry.ServiceRegistryManager;

/**
 * The few Helidon services the web server looks up at run time, registered by hand instead of discovered.
 * Helidon's first routing builder otherwise creates its process-wide service registry by scanning every jar on the
 * class path for service metadata and building a descriptor for each service it finds: 0.3-0.5 s of the main
 * thread's start-up on this project's 2-core test machine, most of the web server's start (docs/benchmarks.md).
 * What the server uses from the registry are the value mappers (header and query values as numbers, dates) and,
 * for anything that asks for it, the global configuration; nothing here uses Helidon's injection or its server
 * features. A Helidon upgrade that looks up another service fails the tests with Helidon's "no service in
 * registry that matches this lookup" (every route is covered), and its descriptor is then added here.
 */
final class HelidonServices {
    private HelidonServices() {
    }

    /** Makes the hand-picked registry Helidon's global one, unless one was made already (then it is kept). */
    static void install() {
        GlobalServiceRegistry.registry(() -> ServiceRegistryManager.create(ServiceRegistryConfig.builder()
                        .discoverServices(false)
                        .discoverServicesFromServiceLoader(false)
                        .addServiceDescriptor(MappersFactory__ServiceDescriptor.INSTANCE)
                        .addServiceDescriptor(DefaultMapperProvider__ServiceDescriptor.INSTANCE)
                        .addServiceDescriptor(DefaultResolverService__ServiceDescriptor.INSTANCE)
                        .addServiceDescriptor(ConfigFactory__ServiceDescriptor.INSTANCE)
                        .build())
                .registry());
    }
}
