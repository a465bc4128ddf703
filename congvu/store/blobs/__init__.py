"""Blob store adapters (`congvu.ports.BlobStore`): files on disk now, S3 later."""

from congvu.store.blobs.files import FileBlobStore

__all__ = ["FileBlobStore"]
