/**
 * The usage4j provider for Cloudinary; see {@link io.usage4j.provider.cloudinary.CloudinaryUsageSourceProvider}.
 */
package io.usage4j.provider.cloudinary;
